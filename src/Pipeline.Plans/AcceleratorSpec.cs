namespace Pipeline.Plans;

/// <summary>
/// What one accelerator can do, from a datasheet (built-in), from explicit figures, or the local machine, and how
/// close a serving runtime gets to it (<see cref="Cost"/>). FLOPS are dense (no structured sparsity); a datasheet's
/// sparse figure is twice these.
/// </summary>
/// <param name="Name">Catalogue name (<c>h100-sxm</c>) or the declared name.</param>
/// <param name="DenseFlops">Peak dense FLOP/s per element type; a type missing here is unsupported (A100 has no FP8).</param>
/// <param name="MemoryBandwidth">HBM (or DRAM) bandwidth in bytes per second.</param>
/// <param name="MemoryCapacity">Device memory in bytes.</param>
/// <param name="InterconnectBandwidth">Accelerator-to-accelerator bandwidth in bytes per second, both directions together (NVLink, PCIe, ...).</param>
/// <param name="Interconnect">Name of the interconnect (<c>nvlink4</c>, <c>pcie-gen4</c>, ...).</param>
/// <param name="Local">Set when the accelerator is the local machine; which backend executes.</param>
public sealed record AcceleratorSpec(
    string Name,
    IReadOnlyDictionary<DType, double> DenseFlops,
    double MemoryBandwidth,
    double MemoryCapacity,
    double InterconnectBandwidth,
    string Interconnect,
    LocalBackend? Local = null)
{
    /// <summary>The family whose calibrated cost parameters this accelerator takes (<c>nvidia-hopper</c>, <c>amd-cdna3</c>, ...).</summary>
    public string Family { get; init; } = "generic";

    /// <summary>Streaming multiprocessors or compute units: GEMM output tiles run in waves of this many.</summary>
    public int ComputeUnits { get; init; } = 1;

    /// <summary>Board power at which the datasheet's sustained figures hold (TDP), watts; null when unknown.</summary>
    public double? RatedPower { get; init; }

    /// <summary>Configured board power limit, watts; null runs at <see cref="RatedPower"/>.</summary>
    public double? Power { get; init; }

    /// <summary>Execution-time predictor parameters (family defaults or declared).</summary>
    public CostParameters Cost { get; init; } = CostParameters.Ideal;

    /// <summary>Where <see cref="Cost"/> came from, for plans and reports.</summary>
    public string CostSource { get; init; } = "ideal roofline (no calibration)";

    /// <summary>Rental price per accelerator-hour (the catalogue's list price, or declared); null when none is known.</summary>
    public AcceleratorPrice? Price { get; init; }

    /// <summary>
    /// Sustained compute clock relative to the datasheet peak at <see cref="Power"/> (or the rated power): the power
    /// model of <see cref="Costs.SustainedClock"/> (static power, the family's reference part, f ~ P^(1/3)).
    /// </summary>
    public double ComputeScale => Costs.SustainedClock.Scale(this);

    /// <summary>Peak dense FLOP/s for a type, or null when the accelerator does not support it.</summary>
    public double? PeakFlops(DType type) => DenseFlops.TryGetValue(type, out var flops) ? flops : null;

    /// <summary>Ridge point of the roofline for a type: FLOPs per byte above which a kernel is compute-bound.</summary>
    public double? RidgePoint(DType type) => PeakFlops(type) is { } flops ? flops / MemoryBandwidth : null;
}
