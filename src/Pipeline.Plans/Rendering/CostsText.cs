namespace Pipeline.Plans.Rendering;

/// <summary>The costs section: per-layer operator table, phase totals, and each phase's roofline verdict.</summary>
internal static class CostsText
{
    public static void Write(PlanText text, PhaseCosts costs)
    {
        using (text.Section("costs (per accelerator shard)"))
        {
            text.Field("prefill_reference", Units.Count(costs.ReferencePromptTokens) + " tok prompt");
            text.Field("decode_reference", $"1 sequence at {Units.Count(costs.ReferenceContextTokens)} tok context");
            using (text.Section("per_layer"))
            {
                var rows = new List<string[]> { new[] { "operator", "prefill FLOP", "prefill bytes", "decode FLOP", "decode bytes" } };
                rows.AddRange(costs.PerLayer.Select(op => new[]
                {
                    op.Name,
                    Units.Scientific(op.PrefillFlops),
                    Units.Bytes(op.PrefillBytes),
                    Units.Scientific(op.DecodeFlops),
                    Units.Bytes(op.DecodeBytes),
                }));
                text.Table(rows);
            }

            text.Field("whole_model", "layers x per_layer + embedding + final_norm + lm_head (last position only)");
            WritePhase(text, "prefill", costs.Prefill);
            WritePhase(text, "decode", costs.Decode);
        }
    }

    private static void WritePhase(PlanText text, string name, PhaseCost phase)
    {
        using (text.Section(name + " (whole model)"))
        {
            text.Field("flops", Units.Flops(phase.Flops));
            text.Field("bytes", Units.Bytes(phase.Bytes));
            text.Field("intensity", Units.Intensity(phase.ArithmeticIntensity));
            text.Field("ridge_point", phase.RidgePoint is { } ridge ? Units.Intensity(ridge) : "unknown");
            text.Field("bound", phase.IsComputeBound switch
            {
                true => "compute-bound",
                false => "memory-bound",
                null => "unknown",
            });
        }
    }
}
