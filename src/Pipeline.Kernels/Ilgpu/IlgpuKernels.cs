using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// The element-wise kernel bodies (compiled by ILGPU for the CPU accelerator or PTX). Each thread handles the
/// items a <see cref="WorkSplit"/> gives it, so one launch has few threads on the CPU and many on a GPU.
/// </summary>
internal static class IlgpuKernels
{
    /// <summary>Output tile edge of the GEMM (a group computes a Tile x Tile block) and the most query rows per prefill-attention group.</summary>
    public const int Tile = 32;

    /// <summary>Key/value positions the prefill attention stages in shared memory at once (2 x 16 x 256 floats = 32 KB).</summary>
    public const int KeyTile = 16;

    /// <summary>Reduction depth staged in shared memory per GEMM step (more work between two barriers).</summary>
    public const int TileK = 64;


    /// <summary>Smallest group size the tiled kernels support (it must divide <see cref="Tile"/>).</summary>
    public const int MinGroupSize = 4;

    /// <summary>
    /// Narrowest warp the warp-per-item kernels support: ILGPU's CPU accelerator runs warps of 2 (the fewest it allows),
    /// because each lane of a simulated warp is an OS thread and every shuffle is a rendezvous of those threads.
    /// </summary>
    public const int MinWarpSize = 2;

    /// <summary>Largest head dimension the attention kernels keep in thread-local accumulators.</summary>
    public const int MaxHeadDim = 256;

    public static void Embed<TW>(Index1D i, WorkSplit s, ArrayView<int> tokens, TW table, ArrayView<float> output, int hidden)
        where TW : struct, IWeightSource
    {
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            var row = item / hidden;
            var col = item - row * hidden;
            output[item] = table.Load((long)tokens[row] * hidden + col);
        }
    }

    /// <summary>
    /// One group per row (groups stride over the rows): the threads stride along the row (coalesced), a warp shuffle
    /// and one shared slot per warp sum the squares, then each thread scales the elements it read. When
    /// <paramref name="fuseAdd"/> is 1 the residual <paramref name="addend"/> is added into <paramref name="input"/> on the
    /// same pass (the sum the norm needs is the sum of the updated row), saving the separate add's read and write.
    /// </summary>
    public static void RmsNorm(ArrayView<float> input, ArrayView<float> addend, ArrayView<float> weight, ArrayView<float> output,
        int rows, int dim, float eps, int fuseAdd)
    {
        var slots = SharedMemory.Allocate1D<float>(WarpReduce.MaxWarpsPerGroup);
        for (var row = Grid.IdxX; row < rows; row += Grid.DimX)
        {
            long start = (long)row * dim;
            var sum = 0f;
            for (var j = Group.IdxX; j < dim; j += Group.DimX)
            {
                var v = input[start + j];
                if (fuseAdd != 0)
                {
                    v += addend[start + j];
                    input[start + j] = v;
                }
                sum += v * v;
            }
            var scale = 1f / MathF.Sqrt(WarpReduce.GroupSum(sum, slots) / dim + eps);
            // Each thread reads back only the elements it wrote itself: no barrier needed.
            for (var j = Group.IdxX; j < dim; j += Group.DimX) output[start + j] = input[start + j] * scale * weight[j];
        }
    }

    /// <summary>Rotates pair <c>(2p, 2p+1)</c> of every head by the angle whose cos/sin the host precomputed per (row, pair).</summary>
    public static void Rope(Index1D i, WorkSplit s, ArrayView<float> x, ArrayView<float> cos, ArrayView<float> sin, int heads, int half)
    {
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            var pair = item % half;
            var row = item / half / heads;
            var c = cos[row * half + pair];
            var n = sin[row * half + pair];
            long at = (long)item * 2;
            var x0 = x[at];
            var x1 = x[at + 1];
            x[at] = x0 * c - x1 * n;
            x[at + 1] = x0 * n + x1 * c;
        }
    }

    public static void SwiGlu(Index1D i, WorkSplit s, ArrayView<float> gate, ArrayView<float> up, ArrayView<float> output)
    {
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            var g = gate[item];
            output[item] = g / (1f + MathF.Exp(-g)) * up[item];
        }
    }

    public static void Add(Index1D i, WorkSplit s, ArrayView<float> accumulator, ArrayView<float> addend)
    {
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            accumulator[item] += addend[item];
        }
    }

    public static void AppendKv(Index1D i, WorkSplit s, ArrayView<float> k, ArrayView<float> v, ArrayView<float> kCache, ArrayView<float> vCache,
        ArrayView<int> slots, int kvDim, long layerBase)
    {
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            var row = item / kvDim;
            var at = (layerBase + slots[row]) * kvDim + (item - row * kvDim);
            kCache[at] = k[item];
            vCache[at] = v[item];
        }
    }

    public static void GatherRows(Index1D i, WorkSplit s, ArrayView<float> input, ArrayView<int> rows, ArrayView<float> output, int width)
    {
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            var r = item / width;
            output[item] = input[(long)rows[r] * width + (item - r * width)];
        }
    }
}
