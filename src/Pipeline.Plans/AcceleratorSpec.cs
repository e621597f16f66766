namespace Pipeline.Plans;

/// <summary>
/// What one accelerator can do, from a datasheet (built-in), from explicit figures, or the local machine.
/// FLOPS are dense (no structured sparsity); a datasheet's sparse figure is twice these.
/// </summary>
/// <param name="Name">Catalogue name (<c>h100-sxm</c>) or the declared name.</param>
/// <param name="DenseFlops">Peak dense FLOP/s per element type; a type missing here is unsupported (A100 has no FP8).</param>
/// <param name="MemoryBandwidth">HBM (or DRAM) bandwidth in bytes per second.</param>
/// <param name="MemoryCapacity">Device memory in bytes.</param>
/// <param name="InterconnectBandwidth">Accelerator-to-accelerator bandwidth in bytes per second (NVLink, PCIe, ...).</param>
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
    /// <summary>Peak dense FLOP/s for a type, or null when the accelerator does not support it.</summary>
    public double? PeakFlops(DType type) => DenseFlops.TryGetValue(type, out var flops) ? flops : null;

    /// <summary>Ridge point of the roofline for a type: FLOPs per byte above which a kernel is compute-bound.</summary>
    public double? RidgePoint(DType type) => PeakFlops(type) is { } flops ? flops / MemoryBandwidth : null;
}
