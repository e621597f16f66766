using LLama.Native;
using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels.Cpu;
using static Pipeline.Engine.Tests.Conformance.TestModels;

namespace Pipeline.Engine.Tests.Quantized;

/// <summary>
/// The fast CPU backend against llama.cpp on files llama.cpp quantised: last-position logits within 1e-5 (max abs
/// diff / max abs logit) and 32 identical greedy tokens. Both quantise activations the same way (Q8_0 for Q8_0/Q4_0
/// weights, Q8_K for the k-quants) and multiply the same integers, so only f32 summation order differs; with f32
/// activations instead the logits differ by 5e-3 to 1e-2 and greedy tokens drift within 32 steps.
/// </summary>
public sealed class QuantizedLlamaCppTests
{
    private const double Tolerance = 1e-5;
    private static readonly CpuKernelBackend Backend = new(threads: 2);

    [Theory]
    [InlineData(LLamaFtype.MOSTLY_Q8_0)]
    [InlineData(LLamaFtype.MOSTLY_Q6_K)]
    [InlineData(LLamaFtype.MOSTLY_Q5_K_M)]
    [InlineData(LLamaFtype.MOSTLY_Q4_K_M)]
    [InlineData(LLamaFtype.MOSTLY_Q4_0)]
    public void Logits_and_greedy_tokens_match_llama_cpp(LLamaFtype ftype)
    {
        var path = LlamaQuantizedFiles.Path(ftype);
        var prompt = Prompt(12, seed: 5);

        using var reference = new LlamaCppReference(path, LlamaQuantizedFiles.Architecture.ContextLength);
        using var model = TransformerModel.Create(Backend, GgufModelLoader.Load(path));
        using var generator = new TextGenerator(model, blockSize: 16);
        var ours = generator.Generate(prompt, 32, SamplingOptions.Greedy, keepLogits: true);

        var error = RelativeError(ours.Logits[0], reference.LastLogits(prompt));
        error.Should().BeLessThanOrEqualTo(Tolerance);
        ours.Tokens.Should().Equal(reference.Greedy(prompt, 32));
    }
}
