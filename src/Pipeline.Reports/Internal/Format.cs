using System.Globalization;

namespace Pipeline.Reports.Internal;

/// <summary>Culture-invariant number text for pages and tables.</summary>
internal static class Format
{
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string Ms(double seconds) => Fixed(seconds * 1000, 2);

    public static string Setting(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
