using Pipeline.Kernels.Tests.Support;
using System.Collections.Concurrent;
using Pipeline.Kernels;
using Pipeline.Plans;
using static Pipeline.Engine.Tests.Conformance.TestModels;

namespace Pipeline.Engine.Tests.Conformance;

/// <summary>
/// The whole model against llama.cpp on the same GGUF file (written by <see cref="GgufWriter"/>, random f32
/// weights): last-position logits within 1e-3 (max abs diff / max abs logit) and identical greedy tokens (32 by default).
/// Subclass once per backend.
/// </summary>
public abstract class LlamaCppComparisonTests : IDisposable
{
    private const double Tolerance = 1e-3;
    private static readonly ConcurrentDictionary<Type, IKernelBackend> Backends = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-llama-").FullName;

    /// <summary>Creates the backend under test (called once per subclass).</summary>
    protected abstract IKernelBackend CreateBackend();

    private IKernelBackend Backend => Backends.GetOrAdd(GetType(), _ => CreateBackend());

    /// <summary>Greedy tokens compared with llama.cpp's (every step runs every kernel once more).</summary>
    protected virtual int GreedyTokens => 32;

    public static TheoryData<string, int, int, int> Shapes => new()
    {
        { "MHA", 64, 4, 4 },
        { "GQA 2:1", 128, 4, 2 },
        { "GQA 4:1", 64, 8, 2 },
    };

    [BackendTheory]
    [MemberData(nameof(Shapes))]
    public void Logits_and_greedy_tokens_match_llama_cpp(string name, int hidden, int heads, int kvHeads)
    {
        var architecture = Tiny(hidden, heads, kvHeads);
        var weights = RandomWeightsGenerator.Generate(architecture, seed: hidden + heads * 10 + kvHeads);
        var path = Path.Combine(_directory, $"{name.Replace(' ', '_').Replace(':', '-')}.gguf");
        GgufWriter.Write(path, weights);
        var prompt = Prompt(12, seed: heads);

        using var reference = new LlamaCppReference(path, architecture.ContextLength);
        using var model = TransformerModel.Create(Backend, GgufModelLoader.Load(path));
        using var generator = new TextGenerator(model, blockSize: 16);
        var ours = generator.Generate(prompt, GreedyTokens, SamplingOptions.Greedy, keepLogits: true);

        RelativeError(ours.Logits[0], reference.LastLogits(prompt)).Should().BeLessThanOrEqualTo(Tolerance, name);
        ours.Tokens.Should().HaveCount(GreedyTokens).And.Equal(reference.Greedy(prompt, GreedyTokens), name);
    }

    /// <summary>Deletes the temporary GGUF files.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still mapped by llama.cpp on some platforms.
        }
        GC.SuppressFinalize(this);
    }
}
