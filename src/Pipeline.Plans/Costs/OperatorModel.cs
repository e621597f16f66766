namespace Pipeline.Plans.Costs;

/// <summary>
/// FLOP and byte counts of each operator of a Llama block and of the model-level operators, for one pass on one
/// tensor-parallel shard. Conventions (the hand-worked tests reproduce them):
/// <list type="bullet">
/// <item>A multiply-add is 2 FLOPs. RMSNorm: 4 FLOPs per element (square-accumulate, scale, weight).
/// RoPE: 3 per rotated element (4 multiplies + 2 adds per pair). SwiGLU: 5 per output element (exp, add, divide,
/// two multiplies). Residual add: 1. Attention: 4*headDim per (head, query, key) pair (QK^T and the weighted sum
/// of V); softmax's few FLOPs per score are left out (under 1% for headDim 128).</item>
/// <item>Bytes: every weight is read once per pass; each operator reads its inputs and writes its outputs once
/// (no fusion across operators); the attention kernel writes the new K/V and reads each sequence's cached K/V
/// once. Activations and KV use the weight type.</item>
/// <item>Tensor parallelism (Megatron style): projections are split by output (qkv, gate/up) or input (o, down)
/// columns, attention by heads, so their FLOPs, weights and per-head activations divide by the degree; norms,
/// residual adds and the embedding are replicated; a row-parallel projection's output is full width. The
/// all-reduces travel the interconnect and are not counted here.</item>
/// </list>
/// </summary>
internal static class OperatorModel
{
    /// <summary>Names of the per-layer operators, in execution order.</summary>
    public static readonly string[] LayerOperatorNames =
    [
        "attn_norm", "qkv_proj", "rope", "attention", "o_proj", "attn_residual",
        "ffn_norm", "mlp_gate_up", "swiglu", "mlp_down", "ffn_residual",
    ];

    /// <summary>Per-layer operators for a pass: (name, FLOPs, bytes), in <see cref="LayerOperatorNames"/> order.</summary>
    public static (string Name, double Flops, double Bytes)[] Layer(ModelArchitecture m, int tensorParallel, PassShape pass)
    {
        double s = 1.0 / tensorParallel, t = pass.Tokens, b = m.WeightType.BytesPerElement();
        double d = m.Hidden, kv = m.KvDim, f = m.FfnHidden, qkv = d + 2 * kv;
        var norm = (4 * t * d, (2 * t * d + d) * b);
        var residual = (t * d, 3 * t * d * b);
        return
        [
            ("attn_norm", norm.Item1, norm.Item2),
            ("qkv_proj", 2 * t * d * qkv * s, (d * qkv * s + t * d + t * qkv * s) * b),
            ("rope", 3 * t * (d + kv) * s, 2 * t * (d + kv) * s * b),
            Attention(m, tensorParallel, pass),
            ("o_proj", 2 * t * d * d * s, (d * d * s + t * d * s + t * d) * b),
            ("attn_residual", residual.Item1, residual.Item2),
            ("ffn_norm", norm.Item1, norm.Item2),
            ("mlp_gate_up", 2 * t * d * 2 * f * s, (2 * d * f * s + t * d + 2 * t * f * s) * b),
            ("swiglu", 5 * t * f * s, 3 * t * f * s * b),
            ("mlp_down", 2 * t * f * d * s, (f * d * s + t * f * s + t * d) * b),
            ("ffn_residual", residual.Item1, residual.Item2),
        ];
    }

    /// <summary>
    /// Attention on one shard: QK^T and the weighted sum of V over every scored pair; reads Q and the new K/V, writes
    /// the output, and reads each sequence's cached K/V once (a fused, flash-style kernel).
    /// </summary>
    public static (string Name, double Flops, double Bytes) Attention(ModelArchitecture m, int tensorParallel, PassShape pass)
    {
        double s = 1.0 / tensorParallel, t = pass.Tokens, b = m.WeightType.BytesPerElement(), kb = m.KvType.BytesPerElement();
        double d = m.Hidden, kv = m.KvDim;
        return ("attention", 4.0 * m.HeadDim * pass.AttentionPairs * m.Heads * s,
            2 * t * d * s * b + (2 * t * kv * s + 2.0 * pass.KvTokensRead * kv * s) * kb);
    }

    /// <summary>
    /// Model-level operators: embedding lookup (reads only the rows used), final norm over every token, and the LM
    /// head over <see cref="PassShape.LogitPositions"/> positions (vocabulary-parallel under tensor parallelism).
    /// </summary>
    public static (string Name, double Flops, double Bytes)[] ModelLevel(ModelArchitecture m, int tensorParallel, PassShape pass)
    {
        double s = 1.0 / tensorParallel, t = pass.Tokens, b = m.WeightType.BytesPerElement();
        double d = m.Hidden, v = m.Vocab, l = pass.LogitPositions;
        return
        [
            ("embedding", 0, 2 * t * d * b),
            ("final_norm", 4 * t * d, (2 * t * d + d) * b),
            ("lm_head", 2 * l * d * v * s, (d * v * s + l * d + l * v * s) * b),
        ];
    }

    /// <summary>Whole-model FLOPs and bytes of a pass on one shard.</summary>
    public static (double Flops, double Bytes) Total(ModelArchitecture m, int tensorParallel, PassShape pass)
    {
        double flops = 0, bytes = 0;
        foreach (var op in Layer(m, tensorParallel, pass))
        {
            flops += op.Flops * m.Layers;
            bytes += op.Bytes * m.Layers;
        }

        foreach (var op in ModelLevel(m, tensorParallel, pass))
        {
            flops += op.Flops;
            bytes += op.Bytes;
        }

        return (flops, bytes);
    }
}
