namespace Pipeline.Plans;

/// <summary>
/// The shape of a Llama-family decoder-only transformer (pre-norm RMSNorm, RoPE, grouped-query attention,
/// SwiGLU MLP, untied LM head). All sizes are element counts.
/// </summary>
/// <param name="Layers">Number of transformer blocks.</param>
/// <param name="Hidden">Model (residual stream) width.</param>
/// <param name="Heads">Query heads; must divide <paramref name="Hidden"/>.</param>
/// <param name="KvHeads">Key/value heads (GQA); must divide <paramref name="Heads"/>.</param>
/// <param name="FfnHidden">Width of the SwiGLU intermediate layer.</param>
/// <param name="Vocab">Vocabulary size.</param>
/// <param name="ContextLength">Longest sequence (prompt + output) the model accepts.</param>
/// <param name="RopeTheta">Rotary embedding base frequency.</param>
/// <param name="NormEpsilon">RMSNorm epsilon.</param>
/// <param name="WeightType">Element type of the weights (and of the KV cache).</param>
public sealed record ModelArchitecture(
    int Layers,
    int Hidden,
    int Heads,
    int KvHeads,
    int FfnHidden,
    int Vocab,
    int ContextLength,
    double RopeTheta,
    double NormEpsilon,
    DType WeightType)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadDim => Hidden / Heads;

    /// <summary>Width of the K (or V) projection output: <c>KvHeads * HeadDim</c>.</summary>
    public int KvDim => KvHeads * HeadDim;

    /// <summary>Bytes per activation value: 16-bit (fp8 and fp4 GEMMs still produce 16-bit outputs), f32 for f32 models.</summary>
    public int ActivationBytes => Math.Max(2, (int)Math.Ceiling(WeightType.BytesPerElement()));

    /// <summary>Parameters in one transformer block (attention, MLP, two norms).</summary>
    public long ParametersPerLayer =>
        (long)Hidden * Hidden * 2 + (long)Hidden * KvDim * 2 + (long)Hidden * FfnHidden * 3 + 2L * Hidden;

    /// <summary>All parameters: embedding, blocks, final norm and LM head.</summary>
    public long Parameters => (long)Vocab * Hidden * 2 + Layers * ParametersPerLayer + Hidden;

    /// <summary>Bytes of all weights in <see cref="WeightType"/>.</summary>
    public long WeightBytes => WeightType.BytesFor(Parameters);

    /// <summary>KV-cache bytes one token occupies across all layers (K and V).</summary>
    public long KvBytesPerToken => KvType.BytesFor(2L * Layers * KvDim);

    /// <summary>Element type of the KV cache when it differs from the weights' (MLPerf runs keep fp8 KV); null means the weights' type.</summary>
    public DType? KvCacheType { get; init; }

    /// <summary>Element type of the KV cache.</summary>
    public DType KvType => KvCacheType ?? WeightType;
}
