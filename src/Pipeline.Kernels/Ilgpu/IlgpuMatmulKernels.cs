using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>Matrix products <c>c[m, n] = a[m, k] * w[n, k]^T</c>: a shared-memory tiled GEMM and a batched GEMV.</summary>
internal static class IlgpuMatmulKernels
{
    private const int Tile = IlgpuKernels.Tile;
    private const int Pitch = Tile + 1; // padding avoids shared-memory bank conflicts on the column reads

    /// <summary>
    /// Group (blockX, blockY) of <see cref="Tile"/> threads computes output rows <c>blockY*Tile..</c> and columns
    /// <c>blockX*Tile..</c>; thread t owns column t and keeps Tile accumulators. Each K-step loads a Tile x Tile tile
    /// of <c>a</c> and of <c>w</c> into shared memory (coalesced: thread t reads element t of each row), so every
    /// loaded element is reused Tile times. Edges (sizes not multiple of Tile) are zero-padded.
    /// </summary>
    public static void Gemm(ArrayView<float> a, ArrayView<float> w, ArrayView<float> c, int m, int n, int k)
    {
        var aTile = SharedMemory.Allocate1D<float>(Tile * Tile);
        var wTile = SharedMemory.Allocate1D<float>(Tile * Pitch);
        var acc = LocalMemory.Allocate1D<float>(Tile);
        var t = Group.IdxX;
        var rowBase = Grid.IdxY * Tile;
        var colBase = Grid.IdxX * Tile;
        for (var r = 0; r < Tile; r++) acc[r] = 0f;

        for (var k0 = 0; k0 < k; k0 += Tile)
        {
            var kk = k0 + t;
            for (var r = 0; r < Tile; r++)
            {
                var aRow = rowBase + r;
                var wRow = colBase + r;
                aTile[r * Tile + t] = aRow < m && kk < k ? a[(long)aRow * k + kk] : 0f;
                wTile[r * Pitch + t] = wRow < n && kk < k ? w[(long)wRow * k + kk] : 0f;
            }
            Group.Barrier();
            for (var r = 0; r < Tile; r++)
            {
                var sum = 0f;
                for (var j = 0; j < Tile; j++) sum += aTile[r * Tile + j] * wTile[t * Pitch + j];
                acc[r] += sum;
            }
            Group.Barrier();
        }

        var col = colBase + t;
        if (col >= n) return;
        for (var r = 0; r < Tile; r++)
        {
            var row = rowBase + r;
            if (row < m) c[(long)row * n + col] = acc[r];
        }
    }

    /// <summary>
    /// Thread i computes output column <c>i % n</c> for batch rows <c>(i / n) * 8 ..</c>: the weight row is read once
    /// and multiplied into eight activation rows held in registers (row indices past the batch are clamped, so
    /// the inner loop has no branches; their results are not written).
    /// </summary>
    public static void Gemv(Index1D i, ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, int rows, int n, int k)
    {
        int index = i;
        var col = index % n;
        var r0 = index / n * IlgpuKernels.GemvBatchTile;
        var last = rows - 1;
        long x0 = (long)Math.Min(r0, last) * k, x1 = (long)Math.Min(r0 + 1, last) * k;
        long x2 = (long)Math.Min(r0 + 2, last) * k, x3 = (long)Math.Min(r0 + 3, last) * k;
        long x4 = (long)Math.Min(r0 + 4, last) * k, x5 = (long)Math.Min(r0 + 5, last) * k;
        long x6 = (long)Math.Min(r0 + 6, last) * k, x7 = (long)Math.Min(r0 + 7, last) * k;
        long wb = (long)col * k;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        for (var j = 0; j < k; j++)
        {
            var wv = w[wb + j];
            s0 += wv * x[x0 + j];
            s1 += wv * x[x1 + j];
            s2 += wv * x[x2 + j];
            s3 += wv * x[x3 + j];
            s4 += wv * x[x4 + j];
            s5 += wv * x[x5 + j];
            s6 += wv * x[x6 + j];
            s7 += wv * x[x7 + j];
        }
        var count = Math.Min(IlgpuKernels.GemvBatchTile, rows - r0);
        long o = (long)r0 * n + col;
        y[o] = s0;
        if (count > 1) y[o + n] = s1;
        if (count > 2) y[o + 2L * n] = s2;
        if (count > 3) y[o + 3L * n] = s3;
        if (count > 4) y[o + 4L * n] = s4;
        if (count > 5) y[o + 5L * n] = s5;
        if (count > 6) y[o + 6L * n] = s6;
        if (count > 7) y[o + 7L * n] = s7;
    }
}
