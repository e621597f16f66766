using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>Matrix products <c>c[m, n] = a[m, k] * w[n, k]^T</c>: a shared-memory tiled GEMM and a batched GEMV.</summary>
internal static class IlgpuMatmulKernels
{
    private const int Tile = IlgpuKernels.Tile;
    private const int TileK = IlgpuKernels.TileK;
    private const int Pitch = TileK + 1; // padding avoids shared-memory bank conflicts on the column reads

    /// <summary>
    /// Each group walks Tile x Tile output tiles (tile-stride loop over the grid, so the CPU accelerator can run few
    /// groups). With G = <c>Group.DimX</c> threads (G divides Tile), thread t owns columns <c>t, t + G, ..</c> of the
    /// tile for all Tile rows. Each step stages a Tile x TileK slab of <c>a</c> and of <c>w</c> in shared memory
    /// (coalesced: consecutive threads read consecutive elements of a row), so every loaded element is reused Tile
    /// times from shared memory. Edges (sizes that are not multiples of the tiles) are zero-padded.
    /// </summary>
    public static void Gemm(ArrayView<float> a, ArrayView<float> w, ArrayView<float> c, int m, int n, int k)
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
                        wTile[r * Pitch + q] = wRow < n && kk < k ? w[(long)wRow * k + kk] : 0f;
                    }
                }
                Group.Barrier();
                for (var u = 0; u < columns; u++)
                {
                    var wBase = (t + u * g) * Pitch;
                    for (var r = 0; r < Tile; r++)
                    {
                        var sum = 0f;
                        for (var j = 0; j < TileK; j++) sum += aTile[r * TileK + j] * wTile[wBase + j];
                        acc[u * Tile + r] += sum;
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
    /// Work item i computes output column <c>i % n</c> for batch rows <c>(i / n) * 4 ..</c>: the weight row is read once
    /// and multiplied into four activation rows held in registers (row indices past the batch are clamped, so
    /// the inner loop has no branches; their results are not written).
    /// </summary>
    public static void Gemv(Index1D i, WorkSplit s, ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, int rows, int n, int k)
    {
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            GemvItem(item, x, w, y, rows, n, k);
        }
    }

    private static void GemvItem(int index, ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, int rows, int n, int k)
    {
        var col = index % n;
        var r0 = index / n * IlgpuKernels.GemvBatchTile;
        var count = Math.Min(IlgpuKernels.GemvBatchTile, rows - r0);
        long wb = (long)col * k;
        long o = (long)r0 * n + col;
        if (count == 1)
        {
            // Batch of one (plain decode): no clamped duplicate rows.
            long xr = (long)r0 * k;
            var single = 0f;
            for (var j = 0; j < k; j++) single += w[wb + j] * x[xr + j];
            y[o] = single;
            return;
        }
        var last = rows - 1;
        long x0 = (long)r0 * k, x1 = (long)Math.Min(r0 + 1, last) * k;
        long x2 = (long)Math.Min(r0 + 2, last) * k, x3 = (long)Math.Min(r0 + 3, last) * k;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        for (var j = 0; j < k; j++)
        {
            var wv = w[wb + j];
            s0 += wv * x[x0 + j];
            s1 += wv * x[x1 + j];
            s2 += wv * x[x2 + j];
            s3 += wv * x[x3 + j];
        }
        y[o] = s0;
        if (count > 1) y[o + n] = s1;
        if (count > 2) y[o + 2L * n] = s2;
        if (count > 3) y[o + 3L * n] = s3;
    }
}
