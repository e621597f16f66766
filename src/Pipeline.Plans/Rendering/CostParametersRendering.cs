using System.Text.Json;

namespace Pipeline.Plans.Rendering;

/// <summary>
/// The accelerator's execution-time predictor parameters in plans (text and JSON), in the order and with the
/// names of the <c>cost { }</c> block, and where they came from.
/// </summary>
internal static class CostParametersRendering
{
    /// <summary>(setting, text value, JSON number or null, JSON text or null) for each parameter.</summary>
    private static IEnumerable<(string Name, string Text, double? Number, string? Word)> Fields(CostParameters p) =>
    [
        ("gemm_efficiency", Units.Number(p.GemmEfficiency), p.GemmEfficiency, null),
        ("gemm_serial_share", Units.Number(p.GemmSerialShare), p.GemmSerialShare, null),
        ("attention_efficiency", Units.Number(p.AttentionEfficiency), p.AttentionEfficiency, null),
        ("bandwidth_efficiency", Units.Number(p.BandwidthEfficiency), p.BandwidthEfficiency, null),
        ("kv_read_efficiency", Units.Number(p.KvReadEfficiency), p.KvReadEfficiency, null),
        ("link_efficiency", Units.Number(p.LinkEfficiency), p.LinkEfficiency, null),
        ("link_latency", Units.Seconds(p.LinkLatency), p.LinkLatency, null),
        ("kernel_launch", Units.Seconds(p.KernelLaunch), p.KernelLaunch, null),
        ("step_overhead", Units.Seconds(p.StepOverhead), p.StepOverhead, null),
        ("sequence_overhead", Units.Seconds(p.SequenceOverhead), p.SequenceOverhead, null),
        ("stream_overhead", Units.Seconds(p.StreamOverhead), p.StreamOverhead, null),
        ("host_stall_share", Units.Number(p.HostStallShare), p.HostStallShare, null),
        ("memory_utilisation", Units.Number(p.MemoryUtilisation), p.MemoryUtilisation, null),
        ("memory_utilisation_of", Base(p.MemoryUtilisationOf), null, Base(p.MemoryUtilisationOf)),
        ("graph_capture", p.GraphCapture ? "on" : "off", null, p.GraphCapture ? "on" : "off"),
        ("fusion", p.Fusion == KernelFusion.Fused ? "fused" : "unfused", null, p.Fusion == KernelFusion.Fused ? "fused" : "unfused"),
        ("tile_tokens", Units.Count(p.TileTokens), p.TileTokens, null),
        ("tile_columns", Units.Count(p.TileColumns), p.TileColumns, null),
        ("node_size", Units.Count(p.NodeSize), p.NodeSize, null),
        ("network_bandwidth", Units.Bandwidth(p.NetworkBandwidth), p.NetworkBandwidth, null),
        ("network_latency", Units.Seconds(p.NetworkLatency), p.NetworkLatency, null),
        ("static_power", Units.Number(p.StaticPower) + " W", p.StaticPower, null),
        ("clock_reference", p.ClockReference ?? "itself", null, p.ClockReference ?? "itself"),
    ];

    private static string Base(MemoryUtilisationBase b) => b == MemoryUtilisationBase.Free ? "free" : "device";

    public static void Write(PlanText text, AcceleratorSpec spec)
    {
        text.Field("family", spec.Family);
        text.Field("compute_units", Units.Count(spec.ComputeUnits));
        text.Field("power", spec.Power is { } p
            ? $"{Units.Number(p)} W (rated {(spec.RatedPower is { } r ? Units.Number(r) + " W" : "unknown")}; compute x{Units.Number(spec.ComputeScale, 4)})"
            : spec.RatedPower is { } rated ? $"rated {Units.Number(rated)} W (compute x{Units.Number(spec.ComputeScale, 4)})" : "unknown");
        using (text.Section("cost"))
        {
            text.Field("source", spec.CostSource);
            foreach (var (name, value, _, _) in Fields(spec.Cost))
            {
                text.Field(name, value);
            }
        }
    }

    public static void Write(Utf8JsonWriter w, AcceleratorSpec spec)
    {
        w.WriteString("family", spec.Family);
        w.WriteNumber("compute_units", spec.ComputeUnits);
        WriteNullable(w, "rated_power", spec.RatedPower);
        WriteNullable(w, "power", spec.Power);
        w.WriteNumber("compute_scale", spec.ComputeScale);
        w.WriteStartObject("cost");
        w.WriteString("source", spec.CostSource);
        foreach (var (name, _, number, word) in Fields(spec.Cost))
        {
            if (number is { } n) w.WriteNumber(name, n);
            else w.WriteString(name, word);
        }
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
