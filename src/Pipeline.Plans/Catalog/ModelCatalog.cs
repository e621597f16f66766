using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Plans.Catalog;

/// <summary>
/// Built-in model shapes, from each model's published <c>config.json</c> (Hugging Face) and model card.
/// Weights are bf16 by default, as the checkpoints are published.
/// </summary>
public static class ModelCatalog
{
    // Sources (config.json of each Hugging Face repository):
    //   meta-llama/Llama-2-{7b,13b,70b}-hf: rope_theta 10000 (default), rms_norm_eps 1e-5, vocab 32000, 4096 positions.
    //   meta-llama/Llama-3.1-{8B,70B,405B}: rope_theta 500000, rms_norm_eps 1e-5, vocab 128256, 131072 positions
    //     (the 128K context comes from "llama3" rope scaling, which the plan does not model).
    //   mistralai/Mistral-7B-v0.3 (and v0.2): rope_theta 1e6, 32768 positions, no sliding window
    //     (v0.1 had theta 1e4 and a 4096 sliding window); vocab 32000 as in v0.2 (v0.3 extends it to 32768).
    private static readonly KeyValuePair<string, ModelArchitecture>[] Entries =
    [
        Entry("llama-2-7b", layers: 32, hidden: 4096, heads: 32, kvHeads: 32, ffn: 11008, vocab: 32000, context: 4096, theta: 10_000),
        Entry("llama-2-13b", layers: 40, hidden: 5120, heads: 40, kvHeads: 40, ffn: 13824, vocab: 32000, context: 4096, theta: 10_000),
        Entry("llama-2-70b", layers: 80, hidden: 8192, heads: 64, kvHeads: 8, ffn: 28672, vocab: 32000, context: 4096, theta: 10_000),
        Entry("llama-3.1-8b", layers: 32, hidden: 4096, heads: 32, kvHeads: 8, ffn: 14336, vocab: 128256, context: 131072, theta: 500_000),
        Entry("llama-3.1-70b", layers: 80, hidden: 8192, heads: 64, kvHeads: 8, ffn: 28672, vocab: 128256, context: 131072, theta: 500_000),
        Entry("llama-3.1-405b", layers: 126, hidden: 16384, heads: 128, kvHeads: 8, ffn: 53248, vocab: 128256, context: 131072, theta: 500_000),
        Entry("mistral-7b", layers: 32, hidden: 4096, heads: 32, kvHeads: 8, ffn: 14336, vocab: 32000, context: 32768, theta: 1_000_000),
    ];

    private static readonly Dictionary<string, ModelArchitecture> ByName =
        Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>Names of the built-in models, in catalogue order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Key).ToArray();

    /// <summary>Looks up a built-in model by its exact (lower-case) name.</summary>
    /// <param name="name">Catalogue name, e.g. <c>llama-2-70b</c>.</param>
    /// <param name="architecture">The model's shape when found.</param>
    /// <returns>True when the name is a built-in model.</returns>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out ModelArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name, out architecture);
    }

    private static KeyValuePair<string, ModelArchitecture> Entry(
        string name, int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, int context, double theta) =>
        new(name, new ModelArchitecture(layers, hidden, heads, kvHeads, ffn, vocab, context, theta, 1e-5, DType.BF16));
}
