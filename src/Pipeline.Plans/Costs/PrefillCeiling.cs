namespace Pipeline.Plans.Costs;

/// <summary>
/// The most prompt tokens per second a pool can prefill under the cost model, whatever the batching: every prompt
/// token passes through each layer's four GEMMs (QKV, output, gate-up, down projections), and the predictor never
/// runs a GEMM faster than the datasheet's peak (<c>FLOPs / (peak x min(1, gemm_efficiency x power scale) x wave
/// utilisation)</c>, each factor at most 1). A stage of <c>L_k</c> layers on <c>tp</c> shards therefore spends at
/// least <c>L_k x G / (tp x peak)</c> seconds per token, where <c>G</c> is a layer's GEMM FLOPs per token, and a
/// replica, its stages busy at most all the time, prefills at most <c>pp x tp x peak / (L x G)</c> tokens per second
/// (the slowest stage is no faster than the mean). Attention, element-wise kernels, all-reduces, the host and decode
/// steps only take more time, so this is an upper bound, loose by design.
/// </summary>
public static class PrefillCeiling
{
    private static readonly HashSet<string> Gemms = ["qkv_proj", "o_proj", "mlp_gate_up", "mlp_down"];

    /// <summary>GEMM FLOPs of one token through all layers of the whole model (all shards together).</summary>
    public static double GemmFlopsPerToken(ModelArchitecture model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var perLayer = OperatorModel.Layer(model, 1, new PassShape(1, 0, 0, 1)).Where(o => Gemms.Contains(o.Name)).Sum(o => o.Flops);
        return perLayer * model.Layers;
    }

    /// <summary>The most prompt tokens per second <paramref name="pool"/> can prefill (all its workers).</summary>
    public static double TokensPerSecond(ModelArchitecture model, WorkerPoolPlan pool)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pool);
        var peak = pool.Accelerator.PeakFlops(model.WeightType)
            ?? throw new ArgumentException($"{pool.Accelerator.Name} has no {model.WeightType.ToKeyword()} figure.", nameof(pool));
        return pool.Workers * (double)pool.AcceleratorsPerWorker * peak / GemmFlopsPerToken(model);
    }
}
