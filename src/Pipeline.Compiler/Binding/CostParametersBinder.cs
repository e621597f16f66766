using Pipeline.Compiler.Internal;
using Pipeline.Language.Units;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Binds an accelerator's <c>cost { gemm_efficiency = 0.7  step_overhead = 2 ms  fusion = unfused ... }</c> block over
/// the defaults it inherits (its base's, or its family's). Every setting is sweepable as
/// <c>accelerator.NAME.cost.SETTING</c>. Efficiencies are shares in [1e-6, 1]; times are from 0 to an hour.
/// </summary>
internal static class CostParametersBinder
{
    /// <summary>Settings of the block, in the order the spec and plans list them.</summary>
    public static readonly string[] Settings =
    [
        "gemm_efficiency", "gemm_serial_share", "attention_efficiency", "bandwidth_efficiency", "kv_read_efficiency", "link_efficiency",
        "link_latency", "kernel_launch", "step_overhead", "sequence_overhead", "stream_overhead", "host_stall_share", "memory_utilisation",
        "memory_utilisation_of",
        "graph_capture", "fusion", "tile_tokens", "tile_columns", "node_size", "network_bandwidth", "network_latency",
        "static_power", "clock_reference",
    ];

    private static readonly Dictionary<string, bool> Switches = new(StringComparer.Ordinal) { ["on"] = true, ["off"] = false };

    private static readonly Dictionary<string, KernelFusion> Fusions = new(StringComparer.Ordinal)
    {
        ["fused"] = KernelFusion.Fused, ["unfused"] = KernelFusion.Unfused,
    };

    // A reference is a catalogue part: its rated power and datasheet are what the family's clock is measured from.
    private static readonly Dictionary<string, string?> References =
        Pipeline.Plans.Catalog.AcceleratorCatalog.Names.ToDictionary(n => n, n => (string?)n, StringComparer.Ordinal);

    private static readonly Dictionary<string, MemoryUtilisationBase> Bases = new(StringComparer.Ordinal)
    {
        ["device"] = MemoryUtilisationBase.Device, ["free"] = MemoryUtilisationBase.Free,
    };

    /// <summary>The parameters with the block's settings applied, and whether the block set any.</summary>
    public static (CostParameters Cost, bool Declared) Bind(BindContext context, BlockReader accelerator, CostParameters inherited)
    {
        var block = accelerator.NestedBlock("cost");
        var r = new BlockReader(context, accelerator.Source, block, accelerator.Path + ".cost", "cost", Settings, fallback: accelerator.Anchor);
        var p = inherited;
        var cost = new CostParameters(
            Fraction(r, "gemm_efficiency", p.GemmEfficiency),
            Fraction(r, "attention_efficiency", p.AttentionEfficiency),
            Fraction(r, "bandwidth_efficiency", p.BandwidthEfficiency),
            Fraction(r, "kv_read_efficiency", p.KvReadEfficiency),
            Fraction(r, "link_efficiency", p.LinkEfficiency),
            Time(r, "link_latency", p.LinkLatency),
            Time(r, "kernel_launch", p.KernelLaunch),
            Time(r, "step_overhead", p.StepOverhead),
            Time(r, "sequence_overhead", p.SequenceOverhead),
            Fraction(r, "memory_utilisation", p.MemoryUtilisation),
            r.Option("graph_capture", Switches, p.GraphCapture, "graph capture setting"),
            r.Option("fusion", Fusions, p.Fusion, "kernel fusion profile"),
            r.Int("tile_tokens", NumberRule.Count, p.TileTokens, 4096),
            r.Int("tile_columns", NumberRule.Count, p.TileColumns, 4096),
            r.Int("node_size", NumberRule.Count, p.NodeSize, 1 << 16),
            r.Number("network_bandwidth", Dimension.Bandwidth, NumberRule.Positive, p.NetworkBandwidth) ?? p.NetworkBandwidth,
            Time(r, "network_latency", p.NetworkLatency),
            Time(r, "stream_overhead", p.StreamOverhead),
            r.Option("memory_utilisation_of", Bases, p.MemoryUtilisationOf, "memory share rule (device or free)"),
            r.Number("static_power", Dimension.Power, NumberRule.NonNegative, p.StaticPower) ?? p.StaticPower,
            r.Option("clock_reference", References, p.ClockReference, "catalogue accelerator"),
            r.Share("gemm_serial_share", p.GemmSerialShare),
            r.Number("host_stall_share", Dimension.None, NumberRule.NonNegative, p.HostStallShare) ?? p.HostStallShare);
        var declared = Settings.Any(r.Has);
        return (cost, declared);
    }

    private static double Fraction(BlockReader r, string key, double @default) =>
        r.Number(key, Dimension.None, NumberRule.Fraction, @default) ?? @default;

    private static double Time(BlockReader r, string key, double @default) => r.Overhead(key, @default);
}
