using Pipeline.Compiler.Internal;
using Pipeline.Core.Text;
using Pipeline.Core.Weights;
using Pipeline.Language.Diagnostics;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Opens a model's GGUF weights at compile time, header and tensor directory only (<see cref="WeightsFile"/>), so
/// `check` finds what `run` would: an unusable file (PL0415), a malformed header (PL0435), another architecture
/// (PL0436), metadata that disagrees with the declared model (PL0437) and missing or misshapen tensors (PL0438), all
/// located at the <c>gguf(...)</c> call. The header reader lives in Pipeline.Core beside the trace reader, so every
/// compile (sweep cells, peak-search probes, acceptance steps) checks it without an engine.
/// </summary>
internal static class WeightsChecks
{
    private const int MaxTensorProblems = 5;
    private static readonly LastFileRead<GgufHeaderResult> s_lastRead = new();

    public static void Check(BindContext context, SourceText source, TextSpan call, string path, string model, ModelArchitecture declared)
    {
        var (result, problem) = s_lastRead.Read(path, WeightsFile.ReadHeader);
        if (problem is not null)
        {
            context.Report(DiagnosticCatalog.FileUnusable(source, call, "weights", problem.Message, problem.Hint));
            return;
        }
        if (result!.Problem is { } bad)
        {
            context.Report(DiagnosticCatalog.BadGguf(source, call, path, bad.Offset, bad.Message));
            return;
        }
        var header = result.Header!;
        if (header.Architecture != "llama")
        {
            context.Report(DiagnosticCatalog.UnsupportedGgufArchitecture(source, call, path, header.Architecture));
            return;
        }
        var vocab = header.Tensor("token_embd.weight") is { Dimensions.Count: 2 } embedding ? embedding.Dimensions[1] : (long?)null;
        (string Setting, string Key, long? Found, long Declared)[] settings =
        [
            ("layers", "llama.block_count", header.Integer("llama.block_count"), declared.Layers),
            ("hidden", "llama.embedding_length", header.Integer("llama.embedding_length"), declared.Hidden),
            ("heads", "llama.attention.head_count", header.Integer("llama.attention.head_count"), declared.Heads),
            ("kv_heads", "llama.attention.head_count_kv", header.Integer("llama.attention.head_count_kv") ?? header.Integer("llama.attention.head_count"), declared.KvHeads),
            ("ffn", "llama.feed_forward_length", header.Integer("llama.feed_forward_length"), declared.FfnHidden),
            ("vocab", "token_embd.weight", vocab, declared.Vocab),
        ];
        var mismatches = settings.Where(s => s.Found != s.Declared).ToArray();
        foreach (var s in mismatches)
        {
            context.Report(DiagnosticCatalog.GgufModelMismatch(source, call, path, s.Setting, s.Key, s.Found, s.Declared, model));
        }
        if (mismatches.Length > 0) return;
        var tensors = header.Tensors.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (name, problem2) in TensorProblems(tensors, declared).Take(MaxTensorProblems))
        {
            context.Report(DiagnosticCatalog.GgufTensorMismatch(source, call, path, name, problem2));
        }
    }

    /// <summary>The llama tensors the engine loads, with ggml shapes (innermost first: a weight matrix is [inputs, outputs]).</summary>
    private static IEnumerable<(string Name, string Problem)> TensorProblems(Dictionary<string, GgufTensorEntry> tensors, ModelArchitecture a)
    {
        long hidden = a.Hidden, ffn = a.FfnHidden, kv = (long)a.Hidden / a.Heads * a.KvHeads;
        var expected = new List<(string Name, long[] Shape, bool Optional)>
        {
            ("token_embd.weight", [hidden, a.Vocab], false),
            ("output_norm.weight", [hidden], false),
            ("output.weight", [hidden, a.Vocab], true), // tied embeddings: llama.cpp reuses token_embd
        };
        for (var i = 0; i < a.Layers; i++)
        {
            var p = $"blk.{i}.";
            expected.Add((p + "attn_norm.weight", [hidden], false));
            expected.Add((p + "attn_q.weight", [hidden, hidden], false));
            expected.Add((p + "attn_k.weight", [hidden, kv], false));
            expected.Add((p + "attn_v.weight", [hidden, kv], false));
            expected.Add((p + "attn_output.weight", [hidden, hidden], false));
            expected.Add((p + "ffn_norm.weight", [hidden], false));
            expected.Add((p + "ffn_gate.weight", [hidden, ffn], false));
            expected.Add((p + "ffn_up.weight", [hidden, ffn], false));
            expected.Add((p + "ffn_down.weight", [ffn, hidden], false));
        }
        foreach (var (name, shape, optional) in expected)
        {
            var wanted = "[" + string.Join(", ", shape) + "]";
            if (!tensors.TryGetValue(name, out var tensor))
            {
                if (!optional) yield return (name, $"is missing (the model needs {wanted})");
            }
            else if (!tensor.Dimensions.SequenceEqual(shape))
            {
                yield return (name, $"has shape {tensor.Shape}, but the model needs {wanted}");
            }
        }
    }

}
