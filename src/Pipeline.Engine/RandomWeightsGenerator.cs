using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>
/// Deterministic random Llama weights of any shape (f32). Matrices are drawn from N(0, 1/fan_in) so every
/// linear layer keeps activations at unit scale; norms are near 1; the LM head is scaled so logits have a
/// standard deviation of about 2 (well separated, so greedy decoding is stable across backends).
/// </summary>
public static class RandomWeightsGenerator
{
    /// <summary>Generates weights for <paramref name="architecture"/>; the same seed gives the same weights.</summary>
    public static ModelWeights Generate(ModelArchitecture architecture, int seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var a = architecture;
        var random = new Random(seed);
        var layers = new List<LayerWeights>(a.Layers);
        var embedding = Matrix(random, a.Vocab, a.Hidden, 1.0);
        for (var i = 0; i < a.Layers; i++)
        {
            layers.Add(new LayerWeights(
                Norm(random, a.Hidden),
                Matrix(random, a.Hidden, a.Hidden, 1.0 / Math.Sqrt(a.Hidden)),
                Matrix(random, a.KvDim, a.Hidden, 1.0 / Math.Sqrt(a.Hidden)),
                Matrix(random, a.KvDim, a.Hidden, 1.0 / Math.Sqrt(a.Hidden)),
                Matrix(random, a.Hidden, a.Hidden, 0.5 / Math.Sqrt(a.Hidden)),
                Norm(random, a.Hidden),
                Matrix(random, a.FfnHidden, a.Hidden, 1.0 / Math.Sqrt(a.Hidden)),
                Matrix(random, a.FfnHidden, a.Hidden, 1.0 / Math.Sqrt(a.Hidden)),
                Matrix(random, a.Hidden, a.FfnHidden, 0.5 / Math.Sqrt(a.FfnHidden))));
        }
        var outputNorm = Norm(random, a.Hidden);
        var output = Matrix(random, a.Vocab, a.Hidden, 2.0 / Math.Sqrt(a.Hidden));
        return new ModelWeights(a, embedding, layers, outputNorm, output);
    }

    private static HostMatrix Matrix(Random random, int rows, int cols, double std)
    {
        var values = new float[rows * cols];
        for (var i = 0; i < values.Length; i++) values[i] = (float)(Gaussian(random) * std);
        return HostMatrix.FromFloats(rows, cols, values);
    }

    private static float[] Norm(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = (float)(1.0 + 0.1 * (random.NextDouble() * 2 - 1));
        return values;
    }

    // Box-Muller; two uniforms per sample keeps the stream simple and deterministic.
    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
