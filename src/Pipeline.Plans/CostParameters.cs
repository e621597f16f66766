namespace Pipeline.Plans;

/// <summary>
/// How close an accelerator family gets to its datasheet under a real serving runtime: the declared, printed and
/// sweepable parameters of the execution-time predictor (<c>Pipeline.Plans.Costs.Prediction</c>). Defaults per
/// family live in <c>AcceleratorCatalog</c> with their sources; an <c>accelerator</c> block's <c>cost { }</c>
/// overrides any of them. Efficiencies are in (0, 1]; times are seconds, at least 0.
/// </summary>
/// <param name="GemmEfficiency">Share of peak FLOP/s a large, well-shaped GEMM sustains (before wave quantisation).</param>
/// <param name="AttentionEfficiency">Share of peak FLOP/s a flash-style prefill attention kernel sustains.</param>
/// <param name="BandwidthEfficiency">Share of datasheet memory bandwidth a streaming read (weights, activations) sustains.</param>
/// <param name="KvReadEfficiency">Share of datasheet memory bandwidth a paged decode-attention kernel sustains reading KV blocks.</param>
/// <param name="LinkEfficiency">Share of the interconnect's per-direction bandwidth an all-reduce sustains.</param>
/// <param name="LinkLatency">Seconds per hop of a ring all-reduce step (launch and synchronisation).</param>
/// <param name="KernelLaunch">Seconds for the host to issue one kernel; a kernel shorter than this starves the device.</param>
/// <param name="StepOverhead">Host seconds per step outside kernels (scheduling, input preparation, sampling).</param>
/// <param name="SequenceOverhead">Host seconds per sequence in a step (sampling, detokenisation, bookkeeping).</param>
/// <param name="MemoryUtilisation">Share of memory a server takes: of the device's for weights and KV, or of what the
/// weights leave free for KV (<paramref name="MemoryUtilisationOf"/>); the rest is workspace and runtime.</param>
/// <param name="GraphCapture">True when decode-only steps replay a captured graph (one launch per step, not one per kernel).</param>
/// <param name="Fusion">Which operators the runtime fuses.</param>
/// <param name="TileTokens">Rows of the token dimension per GEMM output tile (wave quantisation).</param>
/// <param name="TileColumns">Columns per GEMM output tile.</param>
/// <param name="NodeSize">Accelerators per node joined by the interconnect; traffic between nodes takes the network.</param>
/// <param name="NetworkBandwidth">Bytes per second one accelerator sends to another node, one direction (its own NIC).</param>
/// <param name="NetworkLatency">Seconds per message between nodes (a pipeline send, a ring step over the network).</param>
/// <param name="StreamOverhead">Host seconds per streamed response in a step: when the scenario streams tokens (server,
/// interactive, single-stream; not offline), every sequence that samples a token returns it to the client at once,
/// serially with the next step (<see cref="ScenarioStreaming"/>).</param>
/// <param name="MemoryUtilisationOf">What <paramref name="MemoryUtilisation"/> is a share of (the stack's rule).</param>
/// <param name="StaticPower">Board watts that do not follow the compute clock (HBM, I/O, leakage, regulator losses):
/// what a power limit leaves after them sets the clock (<see cref="Costs.SustainedClock"/>).</param>
/// <param name="ClockReference">Catalogue part whose rated power holds its datasheet clock (the part the family was
/// fitted on); null: each part is its own.</param>
/// <param name="GemmSerialShare">Share of the shorter of a GEMM's two times (compute, or streaming its weights) that
/// the longer does not hide: a GEMM takes <c>max(compute, memory) + gemm_serial_share x min(compute, memory)</c>.
/// 0 is the ideal roofline (perfect overlap), 1 runs them one after the other.</param>
/// <param name="HostStallShare">Share of a step's time added for what the host takes from the engine's threads while
/// they work (other processes, the hypervisor, page faults, collections). A stall lands on a step in proportion to its
/// length, so it is a share, not a time. 0 in every catalogue family (a fitted efficiency already holds what the
/// published runs lost); local calibration measures it as all timed steps' total over their shapes' medians (above 1 on a machine so busy the
/// host took more than the steps did).</param>
public sealed record CostParameters(
    double GemmEfficiency,
    double AttentionEfficiency,
    double BandwidthEfficiency,
    double KvReadEfficiency,
    double LinkEfficiency,
    double LinkLatency,
    double KernelLaunch,
    double StepOverhead,
    double SequenceOverhead,
    double MemoryUtilisation,
    bool GraphCapture,
    KernelFusion Fusion,
    int TileTokens,
    int TileColumns,
    int NodeSize = CostParameters.DefaultNodeSize,
    double NetworkBandwidth = CostParameters.DefaultNetworkBandwidth,
    double NetworkLatency = CostParameters.DefaultNetworkLatency,
    double StreamOverhead = 0,
    MemoryUtilisationBase MemoryUtilisationOf = MemoryUtilisationBase.Device,
    double StaticPower = 0,
    string? ClockReference = null,
    double GemmSerialShare = 0,
    double HostStallShare = 0)
{
    /// <summary>Eight accelerators per node: NVIDIA HGX/DGX H100, H200 and B200 boards, AMD's MI300X platform.</summary>
    public const int DefaultNodeSize = 8;

    /// <summary>
    /// 400 Gb/s = 50 GB/s per accelerator and direction: one InfiniBand NDR ConnectX-7 port per GPU, the compute
    /// fabric of a DGX H100 (NVIDIA DGX H100 user guide: eight single-port 400 Gb/s OSFP adapters).
    /// </summary>
    public const double DefaultNetworkBandwidth = 50e9;

    /// <summary>
    /// 15 us per message: NCCL's tuning model (<c>src/graph/tuning.cc</c>) charges a ring step with the Simple protocol
    /// a base latency of 8.4 us plus a hardware latency of 6.6 us over the network (<c>hwLat[NET][Ring][Simple]</c>),
    /// against 5.7 us of hardware latency over NVLink.
    /// </summary>
    public const double DefaultNetworkLatency = 15e-6;

    /// <summary>The ideal roofline: every efficiency 1, no overheads, no tiles (what simulate mode was before calibration).</summary>
    public static CostParameters Ideal { get; } = new(1, 1, 1, 1, 1, 0, 0, 0, 0, 0.9, true, KernelFusion.Fused, 1, 1);
}
