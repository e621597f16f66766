using System.Numerics.Tensors;

namespace Pipeline.Kernels.Cpu;

/// <summary>The cheap per-element and per-row operations (memory-light next to the matrix products), vectorised through TensorPrimitives.</summary>
internal static unsafe class Elementwise
{
    public static void Embed(ReadOnlySpan<int> tokens, CpuMatrix table, CpuTensor output)
    {
        int hidden = table.Cols;
        Require(output, (long)tokens.Length * hidden, nameof(output));
        float* o = output.Pointer;
        for (int i = 0; i < tokens.Length; i++)
        {
            int token = tokens[i];
            if ((uint)token >= (uint)table.Rows) throw new ArgumentOutOfRangeException(nameof(tokens), token, $"Token id outside the table's {table.Rows} rows.");
            table.DecodeRows(token, 1, o + (long)i * hidden);
        }
    }

    public static void RmsNorm(CpuTensor input, CpuTensor weight, CpuTensor output, int rows, int dim, float eps)
    {
        Require(input, (long)rows * dim, nameof(input));
        Require(output, (long)rows * dim, nameof(output));
        Require(weight, dim, nameof(weight));
        var w = weight.Span[..dim];
        for (int r = 0; r < rows; r++)
        {
            var x = input.Span.Slice(r * dim, dim);
            var y = output.Span.Slice(r * dim, dim);
            // Mean square through a vectorised dot in f32 (llama.cpp sums in f64; the difference is far below test tolerances).
            float meanSquare = TensorPrimitives.Dot(x, x) / dim;
            float scale = 1f / MathF.Sqrt(meanSquare + eps);
            TensorPrimitives.Multiply(x, scale, y);
            TensorPrimitives.Multiply(y, w, y);
        }
    }

    public static void Rope(CpuTensor x, ReadOnlySpan<int> positions, int heads, int headDim, float theta, RopeTables? tables = null)
    {
        if (headDim % 2 != 0) throw new ArgumentException($"RoPE needs an even head dimension, got {headDim}.", nameof(headDim));
        int width = heads * headDim;
        Require(x, (long)positions.Length * width, nameof(x));
        if (positions.Length == 0) return;
        int half = headDim / 2;
        int highest = 0, lowest = 0;
        foreach (var position in positions)
        {
            highest = Math.Max(highest, position);
            lowest = Math.Min(lowest, position);
        }
        var table = lowest < 0 ? null : tables?.For(theta, headDim, highest);
        Span<float> cos = table is null ? (half <= 512 ? stackalloc float[half] : new float[half]) : default;
        Span<float> sin = table is null ? (half <= 512 ? stackalloc float[half] : new float[half]) : default;
        var frequencies = table is null ? RopeTables.Frequencies(theta, headDim) : null;
        float* p = x.Pointer;
        for (int r = 0; r < positions.Length; r++)
        {
            scoped ReadOnlySpan<float> c, s;
            if (table is not null)
            {
                c = table.Cos(positions[r]);
                s = table.Sin(positions[r]);
            }
            else
            {
                for (int i = 0; i < half; i++)
                {
                    // Angles in double: positions times frequencies lose digits in f32 for long contexts.
                    double angle = positions[r] * frequencies![i];
                    cos[i] = (float)Math.Cos(angle);
                    sin[i] = (float)Math.Sin(angle);
                }
                c = cos;
                s = sin;
            }
            for (int h = 0; h < heads; h++)
            {
                float* v = p + (long)r * width + (long)h * headDim;
                for (int i = 0; i < half; i++)
                {
                    float a = v[2 * i], b = v[2 * i + 1];
                    v[2 * i] = a * c[i] - b * s[i];
                    v[2 * i + 1] = a * s[i] + b * c[i];
                }
            }
        }
    }

    // From this many elements a SwiGLU is shared out over the pool (a prefill's 64 x 2,816 took 200 us on one thread).
    private const int ParallelSwiGluElements = 1 << 15;

    public static void SwiGlu(CpuTensor gate, CpuTensor up, CpuTensor output, int length, WorkerPool? pool = null)
    {
        Require(gate, length, nameof(gate));
        Require(up, length, nameof(up));
        Require(output, length, nameof(output));
        float* g = gate.Pointer, u = up.Pointer, o = output.Pointer;
        if (pool is null || length < ParallelSwiGluElements)
        {
            SwiGluRange(g, u, o, 0, length);
            return;
        }
        // Chunks start at multiples of 16, so each element is computed by the same vector lane code as in one call.
        pool.For(length, (begin, end) => SwiGluRange(g, u, o, begin, end), grain: ParallelSwiGluElements / 2, align: 16);
    }

    private static void SwiGluRange(float* gate, float* up, float* output, int begin, int end)
    {
        int n = end - begin;
        var g = new ReadOnlySpan<float>(gate + begin, n);
        var o = new Span<float>(output + begin, n);
        // silu(g) = g * sigmoid(g); the sigmoid goes to scratch because the output may be the gate or up tensor.
        var sigmoid = new Span<float>(Scratch.Scores(n), n);
        TensorPrimitives.Sigmoid(g, sigmoid);
        TensorPrimitives.Multiply(g, sigmoid, o);
        TensorPrimitives.Multiply(o, new ReadOnlySpan<float>(up + begin, n), o);
    }

    public static void Add(CpuTensor accumulator, CpuTensor addend, int length)
    {
        Require(accumulator, length, nameof(accumulator));
        Require(addend, length, nameof(addend));
        TensorPrimitives.Add(accumulator.Span[..length], addend.Span[..length], accumulator.Span[..length]);
    }

    public static void AppendKv(CpuPagedKvCache cache, int layer, CpuTensor k, CpuTensor v, ReadOnlySpan<int> slots)
    {
        var shape = cache.Shape;
        if ((uint)layer >= (uint)shape.Layers) throw new ArgumentOutOfRangeException(nameof(layer));
        int width = shape.KvHeads * shape.HeadDim;
        Require(k, (long)slots.Length * width, nameof(k));
        Require(v, (long)slots.Length * width, nameof(v));
        long capacity = (long)shape.Blocks * shape.BlockSize;
        for (int r = 0; r < slots.Length; r++)
        {
            if ((uint)slots[r] >= capacity) throw new ArgumentOutOfRangeException(nameof(slots), slots[r], $"The cache has {capacity} slots.");
            long offset = cache.RowOffset(layer, slots[r]);
            new ReadOnlySpan<float>(k.Pointer + (long)r * width, width).CopyTo(new Span<float>(cache.Keys + offset, width));
            new ReadOnlySpan<float>(v.Pointer + (long)r * width, width).CopyTo(new Span<float>(cache.Values + offset, width));
        }
    }

    public static void GatherRows(CpuTensor input, ReadOnlySpan<int> rows, int width, CpuTensor output)
    {
        Require(output, (long)rows.Length * width, nameof(output));
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] < 0 || (long)(rows[i] + 1) * width > input.Length) throw new ArgumentOutOfRangeException(nameof(rows), rows[i], "Row outside the input tensor.");
            input.Span.Slice(rows[i] * width, width).CopyTo(output.Span.Slice(i * width, width));
        }
    }

    private static void Require(CpuTensor tensor, long length, string name)
    {
        if (tensor.Length < length) throw new ArgumentException($"Tensor holds {tensor.Length} floats, the operation needs {length}.", name);
    }
}
