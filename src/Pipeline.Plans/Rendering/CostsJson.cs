using System.Text.Json;

namespace Pipeline.Plans.Rendering;

/// <summary>The <c>costs</c> object of the plan JSON.</summary>
internal static class CostsJson
{
    public static void Write(Utf8JsonWriter w, PhaseCosts costs)
    {
        w.WriteStartObject("costs");
        w.WriteNumber("reference_prompt_tokens", costs.ReferencePromptTokens);
        w.WriteNumber("reference_context_tokens", costs.ReferenceContextTokens);
        w.WriteStartArray("per_layer");
        foreach (var op in costs.PerLayer)
        {
            w.WriteStartObject();
            w.WriteString("name", op.Name);
            w.WriteNumber("prefill_flops", op.PrefillFlops);
            w.WriteNumber("prefill_bytes", op.PrefillBytes);
            w.WriteNumber("decode_flops", op.DecodeFlops);
            w.WriteNumber("decode_bytes", op.DecodeBytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WritePhase(w, "prefill", costs.Prefill);
        WritePhase(w, "decode", costs.Decode);
        w.WriteEndObject();
    }

    private static void WritePhase(Utf8JsonWriter w, string name, PhaseCost phase)
    {
        w.WriteStartObject(name);
        w.WriteNumber("flops", phase.Flops);
        w.WriteNumber("bytes", phase.Bytes);
        w.WriteNumber("arithmetic_intensity", phase.ArithmeticIntensity);
        if (phase.RidgePoint is { } ridge)
        {
            w.WriteNumber("ridge_point", ridge);
        }
        else
        {
            w.WriteNull("ridge_point");
        }

        if (phase.IsComputeBound is { } bound)
        {
            w.WriteBoolean("compute_bound", bound);
        }
        else
        {
            w.WriteNull("compute_bound");
        }

        w.WriteEndObject();
    }
}
