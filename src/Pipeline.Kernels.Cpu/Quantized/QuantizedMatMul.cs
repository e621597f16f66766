namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Products (prefill and decode) over quantised weights (Q8_0, Q4_0, Q4_K, Q5_K, Q6_K) with integer dot products, as
/// llama.cpp computes them: the activation rows are quantised once (Q8_0-style or Q8_K), then each thread unpacks
/// each of its weight rows once into L1 and dots it with every batch row, so the weights stream once per call.
/// </summary>
internal static unsafe class QuantizedMatMul
{
    // Below this many weight bytes per thread a dispatch costs more than it saves.
    private const long MinValuesPerThread = 1 << 16;

    // Weight rows per tile of the eight-row kernels: eight Q4_K rows of 2,816 values are 12.7 KB (Q8_0: 24 KB).
    private const int WeightTile = 8;

    public static bool Handles(WeightFormat format) =>
        format is WeightFormat.Q8_0 or WeightFormat.Q4_0 or WeightFormat.Q4_K or WeightFormat.Q5_K or WeightFormat.Q6_K;

    /// <summary><c>c[m, n] = a[m, k] * W[n, k]^T</c> with <paramref name="path"/>'s integer dot products.</summary>
    public static void Run(WorkerPool pool, float* a, int m, CpuMatrix weight, float* c, IntDotPath path)
    {
        int n = weight.Rows, k = weight.Cols;
        var format = weight.Format;
        var activations = QuantizedActivations.Quantize(a, m, k, WeightRowUnpacker.SuperBlocks(format));
        bool signed = WeightRowUnpacker.Signed(format);
        int grain = (int)Math.Max(4, MinValuesPerThread / ((long)m * k));
        if (path == IntDotPath.Avx512 && (FusedKQuantDots.Handles(format) || FusedQ8Dot.Handles(format)))
        {
            long rowBytes = WeightBlocks.RowBytes(format, k);
            // Decode of one to three rows over Q4_K or Q8_0 takes four weight rows per pass.
            bool fourWeightRows = m < 4 && (FusedKQuantGemv4.Handles(format) || format == WeightFormat.Q8_0);
            bool q8Tiles = m >= 4 && format == WeightFormat.Q8_0;
            pool.For(n, (begin, end) =>
            {
                float* dots = stackalloc float[4];
                int j = begin;
                for (; fourWeightRows && j <= end - 4; j += 4)
                {
                    for (int i = 0; i < m; i++)
                    {
                        if (format == WeightFormat.Q8_0) FusedQ8Dot.Gemv4(weight.Q8 + (long)j * k, weight.Q8Scales + (long)j * (k / 32), activations.Values(i), activations.Scales4(i), k, dots);
                        else FusedKQuantGemv4.Dot(format, weight.Blocks + j * rowBytes, rowBytes, activations.Values(i), activations.Scales4(i), activations.IntSums16(i), k, dots);
                        for (int r = 0; r < 4; r++) c[(long)i * n + j + r] = dots[r];
                    }
                }
                // Batches of four or more rows over Q8_0: two weight rows by eight (then four) activation rows per pass,
                // over tiles of weight rows as the k-quants (one group's activations stay in L1 across the tile).
                float* tile = stackalloc float[16];
                // Whole pairs of weight rows; an odd row left at the end of the range goes to the row-by-row loop below.
                int pairsEnd = q8Tiles ? j + (end - j) / 2 * 2 : j;
                for (int tileStart = j; tileStart < pairsEnd; tileStart += WeightTile)
                {
                    int tileEnd = Math.Min(pairsEnd, tileStart + WeightTile);
                    int i = 0;
                    for (; i <= m - 8; i += 8)
                    {
                        for (int t = tileStart; t < tileEnd; t += 2)
                        {
                            FusedQ8Dot.Dot2x8(weight.Q8 + (long)t * k, weight.Q8Scales + (long)t * (k / 32), activations, i, k, tile);
                            for (int q = 0; q < 2; q++)
                                for (int r = 0; r < 8; r++) c[(long)(i + r) * n + t + q] = tile[q * 8 + r];
                        }
                    }
                    for (; i <= m - 4; i += 4)
                    {
                        for (int t = tileStart; t < tileEnd; t += 2)
                        {
                            FusedQ8Dot.Dot2x4(weight.Q8 + (long)t * k, weight.Q8Scales + (long)t * (k / 32), activations, i, k, tile);
                            for (int q = 0; q < 2; q++)
                                for (int r = 0; r < 4; r++) c[(long)(i + r) * n + t + q] = tile[q * 4 + r];
                        }
                    }
                    for (; i < m; i++)
                        for (int t = tileStart; t < tileEnd; t++) c[(long)i * n + t] = Fused1(weight, t, rowBytes, activations, i);
                }
                j = pairsEnd;
                // K-quant batches of eight or more: eight activation rows per widening of a weight block, over a tile
                // of weight rows at a time, so one group's activations (8 x k bytes) stay in L1 across the tile rather
                // than every group's passing through it for each weight row (16 rows of k = 2,816 are 45 KB).
                int eightRows = m >= 8 && FusedKQuantDots8.Handles(format) ? m / 8 * 8 : 0;
                float* eight = stackalloc float[8];
                for (int tileStart = j; eightRows > 0 && tileStart < end; tileStart += WeightTile)
                {
                    int tileEnd = Math.Min(end, tileStart + WeightTile);
                    for (int i = 0; i < eightRows; i += 8)
                    {
                        for (int t = tileStart; t < tileEnd; t++)
                        {
                            FusedKQuantDots8.Dot8(format, weight.Blocks + t * rowBytes, activations, i, k, eight);
                            for (int r = 0; r < 8; r++) c[(long)(i + r) * n + t] = eight[r];
                        }
                    }
                }
                for (; j < end; j++)
                {
                    int i = eightRows;
                    for (; i <= m - 4; i += 4)
                    {
                        Fused4(weight, j, rowBytes, activations, i, dots);
                        for (int r = 0; r < 4; r++) c[(long)(i + r) * n + j] = dots[r];
                    }
                    for (; i < m; i++) c[(long)i * n + j] = Fused1(weight, j, rowBytes, activations, i);
                }
            }, grain, align: 4);
            return;
        }
        pool.For(n, (begin, end) =>
        {
            // One scratch row: k bytes of values, k/4 scales, k/16 offsets (as floats).
            float* scratch = Scratch.Panel(k / 4 + k / 4 + k / 16);
            var values = (byte*)scratch;
            float* scales4 = scratch + k / 4, offsets16 = scales4 + k / 4;
            float* dots = stackalloc float[4];
            for (int j = begin; j < end; j++)
            {
                bool offsets = WeightRowUnpacker.Unpack(weight, j, values, scales4, offsets16);
                int i = 0;
                if (path == IntDotPath.Avx512)
                {
                    for (; i <= m - 4; i += 4)
                    {
                        IntDotKernels512.Dot4(values, scales4, signed, activations.Values(i), activations.Values(i + 1), activations.Values(i + 2), activations.Values(i + 3),
                            activations.Scales4(i), activations.Scales4(i + 1), activations.Scales4(i + 2), activations.Scales4(i + 3), k, dots);
                        for (int r = 0; r < 4; r++)
                            c[(long)(i + r) * n + j] = dots[r] - (offsets ? IntDotKernels.Offsets(offsets16, activations.Sums16(i + r), k) : 0);
                    }
                }
                for (; i < m; i++)
                {
                    c[(long)i * n + j] = IntDotKernels.Dot(path, values, scales4, offsets ? offsets16 : null, signed,
                        activations.Values(i), activations.Scales4(i), activations.Sums16(i), k);
                }
            }
        }, grain);
    }

    /// <summary>Weight row <paramref name="j"/> against activation rows <paramref name="i"/>..<c>i + 3</c>, widened in registers (Q8_0 or a k-quant).</summary>
    private static void Fused4(CpuMatrix weight, int j, long rowBytes, QuantizedActivations x, int i, float* dots)
    {
        int k = weight.Cols;
        if (weight.Format == WeightFormat.Q8_0) FusedQ8Dot.Dot4(weight.Q8 + (long)j * k, weight.Q8Scales + (long)j * (k / 32), x, i, k, dots);
        else FusedKQuantDots4.Dot4(weight.Format, weight.Blocks + j * rowBytes, x, i, k, dots);
    }

    /// <summary>Weight row <paramref name="j"/> against activation row <paramref name="i"/>, widened in registers.</summary>
    private static float Fused1(CpuMatrix weight, int j, long rowBytes, QuantizedActivations x, int i)
    {
        int k = weight.Cols;
        return weight.Format == WeightFormat.Q8_0
            ? FusedQ8Dot.Dot(weight.Q8 + (long)j * k, weight.Q8Scales + (long)j * (k / 32), x.Values(i), x.Scales4(i), k)
            : FusedKQuantDots.Dot(weight.Format, weight.Blocks + j * rowBytes, x.Values(i), x.Scales4(i), x.IntSums16(i), k);
    }
}
