using Pipeline.Kernels;

namespace Pipeline.Engine;

/// <summary>Host-side weights of one transformer block, named after their llama.cpp roles.</summary>
/// <param name="AttentionNorm"><c>blk.N.attn_norm.weight</c>, length hidden.</param>
/// <param name="Wq"><c>attn_q</c>: <c>[hidden, hidden]</c>.</param>
/// <param name="Wk"><c>attn_k</c>: <c>[kvDim, hidden]</c>.</param>
/// <param name="Wv"><c>attn_v</c>: <c>[kvDim, hidden]</c>.</param>
/// <param name="Wo"><c>attn_output</c>: <c>[hidden, hidden]</c>.</param>
/// <param name="FfnNorm"><c>ffn_norm</c>, length hidden.</param>
/// <param name="WGate"><c>ffn_gate</c>: <c>[ffn, hidden]</c>.</param>
/// <param name="WUp"><c>ffn_up</c>: <c>[ffn, hidden]</c>.</param>
/// <param name="WDown"><c>ffn_down</c>: <c>[hidden, ffn]</c>.</param>
public sealed record LayerWeights(
    float[] AttentionNorm,
    HostMatrix Wq,
    HostMatrix Wk,
    HostMatrix Wv,
    HostMatrix Wo,
    float[] FfnNorm,
    HostMatrix WGate,
    HostMatrix WUp,
    HostMatrix WDown);
