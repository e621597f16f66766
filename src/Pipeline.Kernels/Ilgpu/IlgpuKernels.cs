using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// The kernel bodies (compiled by ILGPU for the CPU accelerator or PTX). Element-wise kernels are implicitly
/// grouped; the GEMM is explicitly grouped with shared-memory tiles.
/// </summary>
internal static class IlgpuKernels
{
    /// <summary>Output tile edge of the GEMM; a group of <see cref="Tile"/> threads computes a Tile x Tile block.</summary>
    public const int Tile = 16;

    /// <summary>Batch rows a GEMV thread accumulates at once (the weight row is read once per this many rows).</summary>
    public const int GemvBatchTile = 8;

    /// <summary>Largest head dimension the attention kernels keep in thread-local accumulators.</summary>
    public const int MaxHeadDim = 256;

    public static void Embed(Index1D i, ArrayView<int> tokens, ArrayView<float> table, ArrayView<float> output, int hidden)
    {
        var row = i / hidden;
        var col = i - row * hidden;
        output[i] = table[(long)tokens[row] * hidden + col];
    }

    public static void RmsNorm(Index1D row, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> output, int dim, float eps)
    {
        long start = (long)(int)row * dim;
        var sum = 0f;
        for (var j = 0; j < dim; j++)
        {
            var v = input[start + j];
            sum += v * v;
        }
        var scale = 1f / MathF.Sqrt(sum / dim + eps);
        for (var j = 0; j < dim; j++) output[start + j] = input[start + j] * scale * weight[j];
    }

    /// <summary>Rotates pair <c>(2p, 2p+1)</c> of every head by the angle whose cos/sin the host precomputed per (row, pair).</summary>
    public static void Rope(Index1D i, ArrayView<float> x, ArrayView<float> cos, ArrayView<float> sin, int heads, int half)
    {
        var pair = i % half;
        var rowHead = i / half;
        var row = rowHead / heads;
        var c = cos[row * half + pair];
        var s = sin[row * half + pair];
        long at = (long)(int)i * 2;
        var x0 = x[at];
        var x1 = x[at + 1];
        x[at] = x0 * c - x1 * s;
        x[at + 1] = x0 * s + x1 * c;
    }

    public static void SwiGlu(Index1D i, ArrayView<float> gate, ArrayView<float> up, ArrayView<float> output)
    {
        var g = gate[i];
        output[i] = g / (1f + MathF.Exp(-g)) * up[i];
    }

    public static void Add(Index1D i, ArrayView<float> accumulator, ArrayView<float> addend) => accumulator[i] += addend[i];

    public static void AppendKv(Index1D i, ArrayView<float> k, ArrayView<float> v, ArrayView<float> kCache, ArrayView<float> vCache,
        ArrayView<int> slots, int kvDim, long layerBase)
    {
        var row = i / kvDim;
        var j = i - row * kvDim;
        var at = (layerBase + slots[row]) * kvDim + j;
        kCache[at] = k[i];
        vCache[at] = v[i];
    }

    public static void GatherRows(Index1D i, ArrayView<float> input, ArrayView<int> rows, ArrayView<float> output, int width)
    {
        var r = i / width;
        var c = i - r * width;
        output[i] = input[(long)rows[r] * width + c];
    }
}
