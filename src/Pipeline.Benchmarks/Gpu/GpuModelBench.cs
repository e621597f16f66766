using Pipeline.Engine;
using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Benchmarks.Gpu;

/// <summary>Whole-model figures: parity against the fast CPU backend, and prefill/decode rates of a Llama-shaped model.</summary>
internal static class GpuModelBench
{
    /// <summary>Relative logit error allowed against the fast CPU backend (normwise, per step).</summary>
    public const double ParityTolerance = 1e-3;

    private const int BlockSize = 16;

    /// <summary>
    /// The reference (fast CPU backend) decodes greedily; the accelerator is fed the same tokens (teacher forcing) so
    /// every step's logits are comparable. A step matches when both pick the same greedy token.
    /// </summary>
    public static ParityFigures Parity(IKernelBackend accelerator, GpuCheckSizes sizes, int seed)
    {
        var weights = RandomWeightsGenerator.Generate(sizes.ParityModel, seed);
        var prompt = Prompt(sizes.ParityModel, 12, seed);
        using var cpu = BackendFactory.Create(LocalBackend.Cpu);
        using var reference = TransformerModel.Create(cpu, weights);
        using var model = TransformerModel.Create(accelerator, weights);
        var expected = Greedy(reference, prompt, sizes.ParitySteps, forced: null);
        var actual = Greedy(model, prompt, sizes.ParitySteps, forced: expected.Tokens);
        var error = expected.Logits.Zip(actual.Logits, RelativeError).Max();
        var matching = expected.Tokens.Zip(actual.Tokens).Count(p => p.First == p.Second);
        return new ParityFigures(cpu.DeviceName, error, sizes.ParitySteps, matching, error <= ParityTolerance && matching == sizes.ParitySteps);
    }

    /// <summary>Prefill tokens/s of the prompt and decode tokens/s per batch of <see cref="GpuCheckSizes.Model"/>, with synthetic weights.</summary>
    public static ModelFigures Rates(IKernelBackend accelerator, GpuCheckSizes sizes, int seed, double readBytesPerSecond)
    {
        var a = sizes.Model;
        using var model = TransformerModel.Create(accelerator, SyntheticWeights.Model(a, seed));
        var runner = new ModelRunBenchmark(model, Prompt(a, sizes.ModelPrompt, seed), sizes.Repetitions);
        var prefill = sizes.ModelPrompt / runner.PrefillSeconds();
        var decode = sizes.ModelBatches.Select(b =>
        {
            var step = runner.DecodeStepSeconds(b);
            return new DecodeRate(b, step * 1e3, b / step);
        }).ToList();
        var batchOne = decode.FirstOrDefault(d => d.Batch == 1);
        var roofline = batchOne is null ? 0 : model.WeightBytes / readBytesPerSecond / (batchOne.StepMilliseconds / 1e3);
        var shape = $"{a.Layers} layers, hidden {a.Hidden}, {a.Heads}/{a.KvHeads} heads, ffn {a.FfnHidden}, vocab {a.Vocab}, {a.WeightType.ToString().ToLowerInvariant()}";
        return new ModelFigures(shape, a.Parameters, model.WeightBytes, prefill, decode, roofline);
    }

    private static (List<int> Tokens, List<float[]> Logits) Greedy(TransformerModel model, int[] prompt, int steps, IReadOnlyList<int>? forced)
    {
        var blocks = (prompt.Length + steps + BlockSize) / BlockSize;
        using var cache = model.CreateKvCache(blocks, BlockSize);
        var table = Enumerable.Range(0, blocks).ToArray();
        var logits = model.Forward([new SequenceChunk(prompt, 0, table, true)], cache)[0];
        var tokens = new List<int>();
        var all = new List<float[]>();
        for (var step = 0; step < steps; step++)
        {
            all.Add(logits);
            tokens.Add(ArgMax(logits));
            var next = forced?[step] ?? tokens[^1];
            logits = model.Forward([new SequenceChunk([next], prompt.Length + step, table, true)], cache)[0];
        }
        return (tokens, all);
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    private static double RelativeError(float[] expected, float[] actual)
    {
        double diff = 0, scale = 1e-30;
        for (var i = 0; i < expected.Length; i++)
        {
            diff = Math.Max(diff, float.IsNaN(actual[i]) ? double.PositiveInfinity : Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return diff / scale;
    }

    private static int[] Prompt(ModelArchitecture a, int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.Next(3, a.Vocab)).ToArray();
    }
}
