namespace Pipeline.Serving.Execution;

/// <summary>Knobs of the roofline cost model.</summary>
/// <param name="StepOverheadSeconds">Fixed cost of every step (launches, scheduling, sampling).</param>
/// <param name="ComputeEfficiency">Share of peak FLOP/s reached (1 = the roofline itself).</param>
/// <param name="BandwidthEfficiency">Share of peak memory bandwidth reached.</param>
/// <param name="HostLinkBandwidth">Bytes per second between device and host memory, for swap preemption (PCIe 4 x16 by default).</param>
public sealed record CostModelOptions(
    double StepOverheadSeconds = 0.002,
    double ComputeEfficiency = 1.0,
    double BandwidthEfficiency = 1.0,
    double HostLinkBandwidth = 25e9)
{
    /// <summary>The defaults.</summary>
    public static CostModelOptions Default { get; } = new();
}
