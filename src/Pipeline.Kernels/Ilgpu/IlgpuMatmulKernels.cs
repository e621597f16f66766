using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Matrix products <c>c[m, n] = a[m, k] * w[n, k]^T</c> over weights in any <see cref="IWeightSource"/> format,
/// accumulated in f32: a shared-memory tiled GEMM for prefill and a warp-per-row skinny GEMM for decode.
/// </summary>
internal static class IlgpuMatmulKernels
{
    private const int Tile = IlgpuKernels.Tile;
    private const int TileK = IlgpuKernels.TileK;
    private const int Pitch = TileK + 1; // padding avoids shared-memory bank conflicts on the column reads
    private const int RowBlock = 4; // output rows one thread accumulates in registers per weight value read

    /// <summary>
    /// Each group walks Tile x Tile output tiles (tile-stride loop over the grid, so the CPU accelerator can run few
    /// groups). With G = <c>Group.DimX</c> threads (G divides Tile), thread t owns columns <c>t, t + G, ..</c> of the
    /// tile for all Tile rows. Each step stages a Tile x TileK slab of <c>a</c> and of <c>w</c> (widened to f32) in shared
    /// memory, coalesced (consecutive threads read consecutive elements of a row), so every loaded element is reused
    /// Tile times. The inner product is register-blocked: four rows of a column at once, one shared read of the weight
    /// per four FMAs. Edges (sizes that are not multiples of the tiles) are zero-padded.
    /// </summary>
    public static void Gemm<TW>(ArrayView<float> a, TW w, ArrayView<float> c, int m, int n, int k)
        where TW : struct, IWeightSource
    {
        var aTile = SharedMemory.Allocate1D<float>(Tile * TileK);
        var wTile = SharedMemory.Allocate1D<float>(Tile * Pitch);
        var acc = LocalMemory.Allocate1D<float>(Tile * Tile / IlgpuKernels.MinGroupSize);
        var t = Group.IdxX;
        var g = Group.DimX;
        var columns = Tile / g;
        var tilesN = (n + Tile - 1) / Tile;
        var tiles = tilesN * ((m + Tile - 1) / Tile);
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            var rowBase = tile / tilesN * Tile;
            var colBase = tile % tilesN * Tile;
            for (var e = 0; e < columns * Tile; e++) acc[e] = 0f;
            for (var k0 = 0; k0 < k; k0 += TileK)
            {
                for (var r = 0; r < Tile; r++)
                {
                    var aRow = rowBase + r;
                    var wRow = colBase + r;
                    for (var q = t; q < TileK; q += g)
                    {
                        var kk = k0 + q;
                        aTile[r * TileK + q] = aRow < m && kk < k ? a[(long)aRow * k + kk] : 0f;
                        wTile[r * Pitch + q] = wRow < n && kk < k ? w.Load((long)wRow * k + kk) : 0f;
                    }
                }
                Group.Barrier();
                for (var u = 0; u < columns; u++)
                {
                    var wBase = (t + u * g) * Pitch;
                    for (var r = 0; r < Tile; r += RowBlock)
                    {
                        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                        for (var j = 0; j < TileK; j++)
                        {
                            var wv = wTile[wBase + j];
                            s0 += aTile[r * TileK + j] * wv;
                            s1 += aTile[(r + 1) * TileK + j] * wv;
                            s2 += aTile[(r + 2) * TileK + j] * wv;
                            s3 += aTile[(r + 3) * TileK + j] * wv;
                        }
                        acc[u * Tile + r] += s0;
                        acc[u * Tile + r + 1] += s1;
                        acc[u * Tile + r + 2] += s2;
                        acc[u * Tile + r + 3] += s3;
                    }
                }
                Group.Barrier();
            }

            for (var u = 0; u < columns; u++)
            {
                var col = colBase + t + u * g;
                if (col >= n) continue;
                for (var r = 0; r < Tile; r++)
                {
                    var row = rowBase + r;
                    if (row < m) c[(long)row * n + col] = acc[u * Tile + r];
                }
            }
        }
    }

    /// <summary>
    /// Decode: one warp per output column (weight row), warps striding over the columns. The lanes walk the row along
    /// K together (lane l reads elements l, l + 32, ..: consecutive addresses, coalesced) and widen each weight in a
    /// register once for four batch rows held in registers; a warp-shuffle butterfly sums the lanes. Batches larger
    /// than four re-read the row in tiles of four right away, from cache. Rows past the batch are clamped (no
    /// branches in the inner loop) and not written.
    /// </summary>
    public static void Gemv<TW>(ArrayView<float> x, TW w, ArrayView<float> y, int rows, int n, int k)
        where TW : struct, IWeightSource
    {
        var lane = Warp.LaneIdx;
        var warpsPerGroup = Group.DimX / Warp.WarpSize;
        var warps = Grid.DimX * warpsPerGroup;
        var last = rows - 1;
        for (var col = Grid.IdxX * warpsPerGroup + Warp.WarpIdx; col < n; col += warps)
        {
            long wb = (long)col * k;
            for (var r0 = 0; r0 < rows; r0 += RowBlock)
            {
                long x0 = (long)r0 * k, x1 = (long)Math.Min(r0 + 1, last) * k;
                long x2 = (long)Math.Min(r0 + 2, last) * k, x3 = (long)Math.Min(r0 + 3, last) * k;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                for (var j = lane; j < k; j += Warp.WarpSize)
                {
                    var wv = w.Load(wb + j);
                    s0 += wv * x[x0 + j];
                    s1 += wv * x[x1 + j];
                    s2 += wv * x[x2 + j];
                    s3 += wv * x[x3 + j];
                }
                s0 = WarpReduce.Sum(s0);
                s1 = WarpReduce.Sum(s1);
                s2 = WarpReduce.Sum(s2);
                s3 = WarpReduce.Sum(s3);
                if (lane != 0) continue;
                long o = (long)r0 * n + col;
                var count = Math.Min(RowBlock, rows - r0);
                y[o] = s0;
                if (count > 1) y[o + n] = s1;
                if (count > 2) y[o + 2L * n] = s2;
                if (count > 3) y[o + 3L * n] = s3;
            }
        }
    }
}
