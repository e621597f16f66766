namespace Pipeline.Kernels.Tests.Conformance;

/// <summary>Plain scalar double-precision implementations of every kernel (the oracle of the conformance suite).</summary>
public static class KernelReference
{
    /// <summary><c>y[m, n] = x[m, k] * w[n, k]^T</c>.</summary>
    public static double[] MatMul(float[] x, int m, float[] w, int n, int k)
    {
        var y = new double[m * n];
        for (var r = 0; r < m; r++)
        {
            for (var c = 0; c < n; c++)
            {
                var sum = 0.0;
                for (var j = 0; j < k; j++) sum += (double)x[r * k + j] * w[c * k + j];
                y[r * n + c] = sum;
            }
        }
        return y;
    }

    /// <summary>RMSNorm of each row.</summary>
    public static double[] RmsNorm(float[] x, float[] weight, int rows, int dim, double eps)
    {
        var y = new double[rows * dim];
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var j = 0; j < dim; j++) sum += (double)x[r * dim + j] * x[r * dim + j];
            var scale = 1.0 / Math.Sqrt(sum / dim + eps);
            for (var j = 0; j < dim; j++) y[r * dim + j] = x[r * dim + j] * scale * weight[j];
        }
        return y;
    }

    /// <summary>llama.cpp "normal" RoPE: adjacent pairs rotate by <c>pos * theta^(-2i/headDim)</c>.</summary>
    public static double[] Rope(float[] x, int[] positions, int heads, int headDim, double theta)
    {
        var y = x.Select(v => (double)v).ToArray();
        for (var r = 0; r < positions.Length; r++)
        {
            for (var h = 0; h < heads; h++)
            {
                for (var i = 0; i < headDim / 2; i++)
                {
                    var angle = positions[r] * Math.Pow(theta, -2.0 * i / headDim);
                    var at = (r * heads + h) * headDim + 2 * i;
                    double x0 = x[at], x1 = x[at + 1];
                    y[at] = x0 * Math.Cos(angle) - x1 * Math.Sin(angle);
                    y[at + 1] = x0 * Math.Sin(angle) + x1 * Math.Cos(angle);
                }
            }
        }
        return y;
    }

    /// <summary>silu(gate) * up.</summary>
    public static double[] SwiGlu(float[] gate, float[] up) =>
        gate.Select((g, i) => g / (1.0 + Math.Exp(-(double)g)) * up[i]).ToArray();

    /// <summary>
    /// Causal GQA attention for one sequence whose K/V for positions <c>0..context-1</c> are given by
    /// <paramref name="key"/>/<paramref name="value"/> (position, kvHead) → vector. Writes rows
    /// <c>queryRow..queryRow+queryCount-1</c> of <paramref name="output"/>.
    /// </summary>
    public static void Attention(float[] q, AttentionSequence s, int heads, int kvHeads, int headDim,
        Func<int, int, float[]> key, Func<int, int, float[]> value, double[] output)
    {
        var group = heads / kvHeads;
        var scale = 1.0 / Math.Sqrt(headDim);
        for (var i = 0; i < s.QueryCount; i++)
        {
            var row = s.QueryRow + i;
            var position = s.ContextLength - s.QueryCount + i;
            for (var h = 0; h < heads; h++)
            {
                var kvHead = h / group;
                var scores = new double[position + 1];
                for (var p = 0; p <= position; p++)
                {
                    var k = key(p, kvHead);
                    var dot = 0.0;
                    for (var d = 0; d < headDim; d++) dot += (double)q[(row * heads + h) * headDim + d] * k[d];
                    scores[p] = dot * scale;
                }
                var max = scores.Max();
                var weights = scores.Select(sc => Math.Exp(sc - max)).ToArray();
                var total = weights.Sum();
                for (var d = 0; d < headDim; d++)
                {
                    var sum = 0.0;
                    for (var p = 0; p <= position; p++) sum += weights[p] * value(p, kvHead)[d];
                    output[(row * heads + h) * headDim + d] = sum / total;
                }
            }
        }
    }
}
