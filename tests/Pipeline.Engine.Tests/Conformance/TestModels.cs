using Pipeline.Plans;

namespace Pipeline.Engine.Tests.Conformance;

/// <summary>Tiny model shapes for the whole-model suites (small enough for ILGPU's scalar CPU accelerator).</summary>
public static class TestModels
{
    /// <summary>A Llama shape; vocab 300 leaves room for the 256 byte tokens llama.cpp's tokenizer expects.</summary>
    public static ModelArchitecture Tiny(int hidden = 64, int heads = 4, int kvHeads = 2, int layers = 2, int ffn = 160, int vocab = 300, int context = 128) =>
        new(layers, hidden, heads, kvHeads, ffn, vocab, context, RopeTheta: 10000.0, NormEpsilon: 1e-5, DType.F32);

    /// <summary>Deterministic prompt tokens in <c>[3, vocab)</c> (no special tokens).</summary>
    public static int[] Prompt(int length, int seed, int vocab = 300)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.Next(3, vocab)).ToArray();
    }

    /// <summary>Max |a - b| divided by max |b|.</summary>
    public static double RelativeError(IReadOnlyList<float> actual, IReadOnlyList<float> expected)
    {
        double diff = 0, scale = 1e-30;
        for (var i = 0; i < expected.Count; i++)
        {
            diff = Math.Max(diff, float.IsNaN(actual[i]) ? double.PositiveInfinity : Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return diff / scale;
    }
}
