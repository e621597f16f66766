using System.Globalization;

namespace Pipeline.Reports.Internal;

/// <summary>RFC 4180 fields: numbers culture-invariant, text quoted when it holds a comma, quote or line break.</summary>
internal static class Csv
{
    public static string Field(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>A number with up to <paramref name="decimals"/> decimals (no exponent, no trailing zeros); empty for null.</summary>
    public static string Number(double? value, int decimals = 6) =>
        value is { } v ? Math.Round(v, decimals).ToString("0.##########", CultureInfo.InvariantCulture) : string.Empty;
}
