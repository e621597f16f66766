using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>
/// Host-side tensors of a Llama model by role (llama.cpp names: <c>token_embd</c>, per-layer blocks,
/// <c>output_norm</c>, <c>output</c>), with the architecture they belong to.
/// </summary>
/// <param name="Architecture">The model's shape.</param>
/// <param name="TokenEmbedding"><c>token_embd.weight</c>: <c>[vocab, hidden]</c>.</param>
/// <param name="Layers">One entry per transformer block.</param>
/// <param name="OutputNorm"><c>output_norm.weight</c>, length hidden.</param>
/// <param name="Output"><c>output.weight</c> (LM head): <c>[vocab, hidden]</c>.</param>
public sealed record ModelWeights(
    ModelArchitecture Architecture,
    HostMatrix TokenEmbedding,
    IReadOnlyList<LayerWeights> Layers,
    float[] OutputNorm,
    HostMatrix Output)
{
    /// <summary>Checks every tensor's shape against <see cref="Architecture"/>; returns the first mismatch, or null.</summary>
    public string? FindShapeError()
    {
        var a = Architecture;
        if (a.Heads <= 0 || a.KvHeads <= 0 || a.Hidden % a.Heads != 0 || a.Heads % a.KvHeads != 0)
        {
            return $"invalid head configuration (hidden {a.Hidden}, heads {a.Heads}, kv heads {a.KvHeads})";
        }
        if (a.HeadDim % 2 != 0) return $"head dimension {a.HeadDim} is odd (RoPE rotates pairs)";
        if (Layers.Count != a.Layers) return $"expected {a.Layers} layers, got {Layers.Count}";
        var error = Check("token_embd.weight", TokenEmbedding, a.Vocab, a.Hidden)
            ?? Check("output.weight", Output, a.Vocab, a.Hidden)
            ?? CheckVector("output_norm.weight", OutputNorm, a.Hidden);
        for (var i = 0; i < Layers.Count && error is null; i++)
        {
            var l = Layers[i];
            var p = $"blk.{i}.";
            error = CheckVector(p + "attn_norm.weight", l.AttentionNorm, a.Hidden)
                ?? Check(p + "attn_q.weight", l.Wq, a.Hidden, a.Hidden)
                ?? Check(p + "attn_k.weight", l.Wk, a.KvDim, a.Hidden)
                ?? Check(p + "attn_v.weight", l.Wv, a.KvDim, a.Hidden)
                ?? Check(p + "attn_output.weight", l.Wo, a.Hidden, a.Hidden)
                ?? CheckVector(p + "ffn_norm.weight", l.FfnNorm, a.Hidden)
                ?? Check(p + "ffn_gate.weight", l.WGate, a.FfnHidden, a.Hidden)
                ?? Check(p + "ffn_up.weight", l.WUp, a.FfnHidden, a.Hidden)
                ?? Check(p + "ffn_down.weight", l.WDown, a.Hidden, a.FfnHidden);
        }
        return error;
    }

    private static string? Check(string name, HostMatrix m, int rows, int cols) =>
        m.Rows == rows && m.Cols == cols ? null : $"tensor '{name}' has shape [{m.Rows}, {m.Cols}], expected [{rows}, {cols}]";

    private static string? CheckVector(string name, float[] v, int length) =>
        v.Length == length ? null : $"tensor '{name}' has length {v.Length}, expected {length}";
}
