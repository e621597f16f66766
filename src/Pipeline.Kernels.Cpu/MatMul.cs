using System.Runtime.Intrinsics;
using Pipeline.Kernels.Cpu.Quantized;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// <c>output[M, N] = input[M, K] * W[N, K]^T</c>, the weight rows split into contiguous chunks over the worker pool
/// (each thread streams only the rows it claims), f16/Q8_0 weights widened to f32 a few rows at a time.
/// From 8 activation rows (prefill, and decode batches of 8 or more) the activations are packed and the
/// outer-product kernels of <see cref="PackedGemm"/> run: each group of 12 weight rows is read once and reused
/// by every token panel. Below 8 rows (small decode batches) 4x4 / 1x4 dot-product tiles dot every batch row
/// against 4 weight rows while they sit in L1; batch-1 f16 widens in registers. Either way the weights stream
/// from memory once per call, whatever the batch. Quantised weights (prefill and decode) take llama.cpp's route
/// instead: activations quantised to 8 bits, integer dot products (<see cref="QuantizedMatMul"/>), which keeps
/// logits within f32 rounding of llama.cpp's on the same file.
/// </summary>
internal static unsafe class MatMul
{
    // Dot-tile path for prefill without AVX-512: a panel of weight rows kept hot in L2 across all token rows.
    private const int PanelBytes = 256 * 1024;
    // From this many rows the packed outer-product kernels beat the dot-product tiles (decode batches included:
    // the 16-wide panel keeps batch-16 decode FMA-bound without horizontal sums).
    private const int PackedMinRows = 8;
    // Below this many multiply-adds per thread a dispatch costs more than it saves.
    private const long MinWorkPerThread = 1 << 16;

    public static void Gemv(WorkerPool pool, CpuTensor input, int rows, CpuMatrix weight, CpuTensor output) =>
        Run(pool, input, rows, weight, output, prefill: false);

    public static void Gemm(WorkerPool pool, CpuTensor input, int rows, CpuMatrix weight, CpuTensor output) =>
        Run(pool, input, rows, weight, output, prefill: true);

    private static void Run(WorkerPool pool, CpuTensor input, int m, CpuMatrix weight, CpuTensor output, bool prefill)
    {
        int n = weight.Rows, k = weight.Cols;
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        if (input.Length < (long)m * k) throw new ArgumentException($"Input holds {input.Length} floats, needs {m}x{k}.", nameof(input));
        if (output.Length < (long)m * n) throw new ArgumentException($"Output holds {output.Length} floats, needs {m}x{n}.", nameof(output));
        if (m == 0 || n == 0) return;
        float* a = input.Pointer, c = output.Pointer;
        if (k == 0)
        {
            new Span<float>(c, m * n).Clear();
            return;
        }
        if (QuantizedMatMul.Handles(weight.Format))
        {
            QuantizedMatMul.Run(pool, a, m, weight, c, IntDotPaths.Current);
            return;
        }
        if (m >= PackedMinRows && PackedGemm.IsSupported)
        {
            Packed(pool, a, m, k, weight, c, n);
            return;
        }
        int grain = (int)Math.Max(4, MinWorkPerThread / ((long)m * k));
        int panelRows = prefill ? Math.Max(4, PanelBytes / (4 * k) / 4 * 4) : 4;
        pool.For(n, (begin, end) => Range(a, m, k, weight, c, n, begin, end, panelRows), grain, align: 4);
    }

    private static void Packed(WorkerPool pool, float* a, int m, int k, CpuMatrix weight, float* c, int n)
    {
        int width = PackedGemm.PanelWidth(m);
        int panels = (m + width - 1) / width;
        float* packed = Scratch.Packed(panels * width * k);
        pool.For(panels, (begin, end) =>
            PackedGemm.PackActivations(a + (long)begin * width * k, Math.Min(m, end * width) - begin * width, k, packed + (long)begin * width * k, width));
        const int group = PackedGemm.WeightRows;
        int grain = (int)Math.Max(group, MinWorkPerThread / ((long)m * k));
        pool.For(n, (begin, end) =>
        {
            if (weight.Format == WeightFormat.F32)
            {
                PackedGemm.Columns(packed, m, k, weight.F32 + (long)begin * k, end - begin, c + begin, n, width);
                return;
            }
            float* rows = Scratch.Panel(group * k);
            for (int j = begin; j < end; j += group)
            {
                int count = Math.Min(group, end - j);
                weight.DecodeRows(j, count, rows);
                PackedGemm.Columns(packed, m, k, rows, count, c + j, n, width);
            }
        }, grain, align: group);
    }

    private static void Range(float* a, int m, int k, CpuMatrix weight, float* c, int n, int begin, int end, int panelRows)
    {
        if (m == 1 && weight.Format == WeightFormat.F16 && Vector512.IsHardwareAccelerated)
        {
            HalfRange(a, k, weight, c, begin, end);
            return;
        }
        bool decoded = weight.Format != WeightFormat.F32;
        float* scratch = decoded ? Scratch.Panel(panelRows * k) : null;
        for (int p0 = begin; p0 < end; p0 += panelRows)
        {
            int count = Math.Min(panelRows, end - p0);
            float* panel;
            if (decoded)
            {
                weight.DecodeRows(p0, count, scratch);
                panel = scratch;
            }
            else
            {
                panel = weight.F32 + (long)p0 * k;
            }
            Panel(a, m, k, panel, count, c + p0, n);
        }
    }

    /// <summary>Batch-1 decode over f16 weights: widening fused into the dot product, no scratch panel.</summary>
    private static void HalfRange(float* a, int k, CpuMatrix weight, float* c, int begin, int end)
    {
        int j = begin;
        if (weight.F16ZeroExponents is { } zeroExponents)
        {
            for (; j <= end - 4; j += 4)
            {
                HalfDotKernels.Dot1x4<NormalWidening>(a, weight.F16 + (long)j * k, k, k, c + j);
                for (int r = 0; r < 4; r++) c[j + r] += zeroExponents.Dot(j + r, a);
            }
        }
        else if (weight.F16AllFinite)
        {
            for (; j <= end - 4; j += 4) HalfDotKernels.Dot1x4<FiniteWidening>(a, weight.F16 + (long)j * k, k, k, c + j);
        }
        else
        {
            for (; j <= end - 4; j += 4) HalfDotKernels.Dot1x4<ExactWidening>(a, weight.F16 + (long)j * k, k, k, c + j);
        }
        if (j < end)
        {
            int first = j;
            float* rows = Scratch.Panel((end - first) * k);
            weight.DecodeRows(first, end - first, rows);
            for (; j < end; j++) c[j] = DotKernels.Dot(a, rows + (long)(j - first) * k, k);
        }
    }

    /// <summary>All <paramref name="m"/> activation rows against <paramref name="count"/> weight rows of one panel.</summary>
    private static void Panel(float* a, int m, int k, float* w, int count, float* c, int ldc)
    {
        int full = count & ~3;
        int i = 0;
        for (; i <= m - 4; i += 4)
        {
            float* ai = a + (long)i * k;
            float* ci = c + (long)i * ldc;
            for (int j = 0; j < full; j += 4) DotKernels.Dot4x4(ai, k, w + (long)j * k, k, k, ci + j, ldc);
        }
        if (m - i is 2 or 3)
        {
            // The last two or three rows share each weight load too.
            float* ai = a + (long)i * k;
            float* ci = c + (long)i * ldc;
            if (m - i == 3) for (int j = 0; j < full; j += 4) DotKernels.DotRx4<Three>(ai, k, w + (long)j * k, k, k, ci + j, ldc);
            else for (int j = 0; j < full; j += 4) DotKernels.DotRx4<Two>(ai, k, w + (long)j * k, k, k, ci + j, ldc);
            i = m;
        }
        for (; i < m; i++)
        {
            float* ai = a + (long)i * k;
            float* ci = c + (long)i * ldc;
            for (int j = 0; j < full; j += 4) DotKernels.Dot1x4(ai, w + (long)j * k, k, k, ci + j);
        }
        for (int j = full; j < count; j++)
            for (int r = 0; r < m; r++)
                c[(long)r * ldc + j] = DotKernels.Dot(a + (long)r * k, w + (long)j * k, k);
    }
}
