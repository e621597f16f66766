using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

/// <summary>PL03xx: model shapes, parallelism and memory.</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>PL0301: the head count does not divide the hidden size.</summary>
    public static Diagnostic HeadsDoNotDivideHidden(SourceText source, TextSpan span, int heads, int hidden) =>
        Error("PL0301", source, span, $"heads ({heads}) must divide hidden ({hidden})", $"each head gets hidden / heads dimensions; try heads = {NearestDivisor(hidden, heads)}");

    /// <summary>PL0302: the KV head count does not divide the head count.</summary>
    public static Diagnostic KvHeadsDoNotDivideHeads(SourceText source, TextSpan span, int kvHeads, int heads) =>
        Error("PL0302", source, span, $"kv_heads ({kvHeads}) must divide heads ({heads})", $"grouped-query attention shares each KV head among heads / kv_heads query heads; try kv_heads = {NearestDivisor(heads, kvHeads)}");

    /// <summary>PL0303: the tensor-parallel degree does not divide the head count.</summary>
    public static Diagnostic TpDoesNotDivideHeads(SourceText source, TextSpan span, string pool, int tp, int heads) =>
        Error("PL0303", source, span, $"{pool}: tp ({tp}) must divide heads ({heads})", $"tensor parallelism splits attention by heads; try tp = {NearestDivisor(heads, tp)}");

    /// <summary>PL0304: the tensor-parallel degree does not divide the KV head count.</summary>
    public static Diagnostic TpDoesNotDivideKvHeads(SourceText source, TextSpan span, string pool, int tp, int kvHeads) =>
        Error("PL0304", source, span, $"{pool}: tp ({tp}) must divide kv_heads ({kvHeads})", $"KV heads are not replicated across shards; use tp <= {kvHeads}, e.g. tp = {NearestDivisor(kvHeads, tp)}");

    /// <summary>PL0305: weights and one full-context sequence of KV cache do not fit in a worker's memory.</summary>
    public static Diagnostic DoesNotFit(SourceText source, TextSpan span, string pool, string model, int tp, double weightBytes, double kvBytes, int context, double memoryPerAccelerator, string hint) =>
        Error("PL0305", source, span,
            $"{pool}: model `{model}` does not fit: weights {Bytes(weightBytes)} + KV cache of one {context}-token sequence {Bytes(kvBytes)} exceed {tp} x {Bytes(memoryPerAccelerator)}",
            hint);

    /// <summary>PL0424: more pipeline stages than layers.</summary>
    public static Diagnostic PpExceedsLayers(SourceText source, TextSpan span, string pool, int pp, int layers) =>
        Error("PL0424", source, span, $"{pool}: pp ({pp}) exceeds the model's layers ({layers})",
            $"each pipeline stage holds at least one layer; use pp <= {layers}");

    /// <summary>PL0425: execute mode with pipeline parallelism (the local engine runs one stage).</summary>
    public static Diagnostic PpNeedsSimulate(SourceText source, TextSpan span, string pool, int pp) =>
        Error("PL0425", source, span, $"{pool}: pp = {pp} is simulated only, but the benchmark's mode is `execute`",
            "this machine's engine runs every layer in one stage; set `mode = simulate` or remove `pp`");

    /// <summary>PL0306: the accelerator has no support for the model's element type.</summary>
    public static Diagnostic DtypeUnsupported(SourceText source, TextSpan span, string dtype, string accelerator, IEnumerable<string> supported) =>
        Error("PL0306", source, span, $"accelerator `{accelerator}` does not support `{dtype}`", $"it supports {string.Join(", ", supported)}; change the model's dtype");

    /// <summary>PL0307: rotary embeddings rotate pairs, so the head dimension must be even.</summary>
    public static Diagnostic OddHeadDimension(SourceText source, TextSpan span, int headDim) =>
        Error("PL0307", source, span, $"head dimension hidden / heads = {headDim} is odd", "rotary embeddings rotate pairs of dimensions; choose hidden and heads so that hidden / heads is even");

    private static int NearestDivisor(int of, int near)
    {
        var best = 1;
        for (var d = 1; d <= Math.Max(1, of); d++)
        {
            if (of % d == 0 && Math.Abs(d - near) < Math.Abs(best - near)) best = d;
        }
        return best;
    }
}
