namespace Pipeline.Engine.Gguf;

/// <summary>Typed access to GGUF metadata; a missing or mistyped required key is a <see cref="GgufFormatException"/>.</summary>
internal sealed class GgufMetadata(IReadOnlyDictionary<string, object> values)
{
    public string String(string key) =>
        Get(key) as string ?? throw new GgufFormatException($"Metadata '{key}' must be a string.");

    public int Int(string key, int? fallback = null)
    {
        if (!values.ContainsKey(key) && fallback is { } f) return f;
        var value = Get(key);
        long number = value switch
        {
            byte v => v,
            sbyte v => v,
            ushort v => v,
            short v => v,
            uint v => v,
            int v => v,
            ulong v when v <= int.MaxValue => (long)v,
            long v => v,
            _ => throw new GgufFormatException($"Metadata '{key}' must be an integer, got {value}."),
        };
        if (number <= 0 || number > int.MaxValue) throw new GgufFormatException($"Metadata '{key}' = {number} is out of range.");
        return (int)number;
    }

    public double Double(string key, double fallback)
    {
        if (!values.TryGetValue(key, out var value)) return fallback;
        return value switch
        {
            float v => double.Parse(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), // 1e-5f reads as 1e-5, not 9.99999974e-6
            double v => v,
            _ => throw new GgufFormatException($"Metadata '{key}' must be a float, got {value}."),
        };
    }

    private object Get(string key) =>
        values.TryGetValue(key, out var value) ? value : throw new GgufFormatException($"Missing metadata '{key}'.");
}
