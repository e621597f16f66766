using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Causal grouped-query attention over the paged KV cache, one task per (query row, head), split over the
/// worker pool. Each task walks its sequence's blocks with an online softmax: scores for one block's slots
/// (dots vectorised over head_dim), one vectorised exp per block, and the running max, normaliser and output
/// rescaled once per block.
/// </summary>
internal static unsafe class Attention
{
    // Below this many (query, head, position) triples the work stays on the caller's thread.
    private const int MinPositionsPerThread = 4096;

    public static void Run(WorkerPool pool, CpuTensor q, CpuPagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, CpuTensor output)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var shape = cache.Shape;
        if ((uint)layer >= (uint)shape.Layers) throw new ArgumentOutOfRangeException(nameof(layer));
        if (heads <= 0 || heads % shape.KvHeads != 0) throw new ArgumentException($"{heads} query heads do not group over {shape.KvHeads} KV heads.", nameof(heads));
        int width = heads * shape.HeadDim;
        // Flatten (sequence, query) pairs so the pool can split rows evenly.
        var rows = new List<(AttentionSequence Sequence, int Query)>();
        long positions = 0;
        foreach (var s in sequences)
        {
            if (s.QueryCount < 0 || s.QueryCount > s.ContextLength) throw new ArgumentException($"Sequence at row {s.QueryRow} has {s.QueryCount} queries for context {s.ContextLength}.");
            if ((long)(s.QueryRow + s.QueryCount) * width > Math.Min(q.Length, output.Length)) throw new ArgumentException($"Sequence rows {s.QueryRow}..{s.QueryRow + s.QueryCount} exceed the Q/output tensors.");
            if (s.BlockTable.Count * shape.BlockSize < s.ContextLength) throw new ArgumentException($"Block table of {s.BlockTable.Count} blocks is short for context {s.ContextLength}.");
            for (int i = 0; i < s.QueryCount; i++) rows.Add((s, i));
            positions += (long)s.QueryCount * s.ContextLength;
        }
        float* qp = q.Pointer, op = output.Pointer, keys = cache.Keys, values = cache.Values;
        int tasks = rows.Count * heads;
        int grain = (int)Math.Max(1, MinPositionsPerThread * (long)tasks / Math.Max(1, positions * heads));
        pool.For(tasks, (begin, end) =>
        {
            for (int t = begin; t < end; t++)
            {
                var (s, i) = rows[t / heads];
                int h = t % heads;
                long row = (long)(s.QueryRow + i) * width + (long)h * shape.HeadDim;
                int last = s.ContextLength - s.QueryCount + i;
                Head(qp + row, op + row, keys, values, cache, layer, s.BlockTable, last + 1, h / (heads / shape.KvHeads));
            }
        }, grain);
    }

    private static void Head(float* q, float* output, float* keys, float* values, CpuPagedKvCache cache, int layer, IReadOnlyList<int> table, int length, int kvHead)
    {
        var shape = cache.Shape;
        int d = shape.HeadDim, bs = shape.BlockSize;
        float scale = 1f / MathF.Sqrt(d);
        float* scores = Scratch.Scores(bs);
        var acc = new Span<float>(output, d);
        acc.Clear();
        float max = float.NegativeInfinity, sum = 0f;
        for (int b = 0; b * bs < length; b++)
        {
            int count = Math.Min(bs, length - b * bs);
            long offset = cache.RowOffset(layer, table[b] * bs) + (long)kvHead * d;
            long stride = (long)shape.KvHeads * d;
            for (int j = 0; j < count; j++) scores[j] = Dot(q, keys + offset + j * stride, d) * scale;
            var blockScores = new Span<float>(scores, count);
            float newMax = MathF.Max(max, TensorPrimitives.Max(blockScores));
            float rescale = MathF.Exp(max - newMax); // 0 on the first block (max = -inf)
            if (rescale != 1f) TensorPrimitives.Multiply(acc, rescale, acc);
            // One vectorised exp per block rather than one call per position.
            TensorPrimitives.Subtract(blockScores, newMax, blockScores);
            TensorPrimitives.Exp(blockScores, blockScores);
            sum = sum * rescale + TensorPrimitives.Sum(blockScores);
            for (int j = 0; j < count; j++) AddScaled(values + offset + j * stride, scores[j], output, d);
            max = newMax;
        }
        if (sum > 0) TensorPrimitives.Multiply(acc, 1f / sum, acc);
    }

    /// <summary>Dot product over one head (inline SIMD: head dims are short, a library call per position costs more than the math).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* a, float* b, int d)
    {
        int t = 0;
        float s = 0;
        if (Vector512.IsHardwareAccelerated && d >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; t <= d - 16; t += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(a + t), Vector512.Load(b + t), acc);
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && d >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; t <= d - 8; t += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(a + t), Vector256.Load(b + t), acc);
            s = Vector256.Sum(acc);
        }
        for (; t < d; t++) s += a[t] * b[t];
        return s;
    }

    /// <summary><c>acc += p * v</c> over one head.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(float* v, float p, float* acc, int d)
    {
        int t = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(p);
            for (; t <= d - 16; t += 16) Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(v + t), scale, Vector512.Load(acc + t)), acc + t);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(p);
            for (; t <= d - 8; t += 8) Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(v + t), scale, Vector256.Load(acc + t)), acc + t);
        }
        for (; t < d; t++) acc[t] += p * v[t];
    }
}
