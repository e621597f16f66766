using System.Globalization;

namespace Pipeline.Plans.Rendering;

/// <summary>
/// Culture-invariant, fixed-format rendering of quantities for plans and reports. Decimal prefixes (1 GB = 1e9 B),
/// at most four significant digits for scaled quantities (<c>3.35 TB/s</c>, <c>989.4 TFLOPS</c>), and scientific
/// notation for FLOP counts (<c>1.235e12 FLOP</c>). Output never depends on the current culture.
/// </summary>
public static class Units
{
    private static readonly string[] BytePrefixes = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
    private static readonly string[] CountPrefixes = ["", "K", "M", "B", "T", "Q"];
    private static readonly string[] FlopRatePrefixes = ["FLOPS", "KFLOPS", "MFLOPS", "GFLOPS", "TFLOPS", "PFLOPS", "EFLOPS"];

    /// <summary>Bytes with a decimal prefix: <c>512 B</c>, <c>80 GB</c>, <c>137.9 GB</c>.</summary>
    public static string Bytes(double bytes) => Scaled(bytes, BytePrefixes);

    /// <summary>Bytes per second: <c>3.35 TB/s</c>, <c>900 GB/s</c>.</summary>
    public static string Bandwidth(double bytesPerSecond) => Scaled(bytesPerSecond, BytePrefixes) + "/s";

    /// <summary>A FLOP rate: <c>989.4 TFLOPS</c>, <c>2.25 PFLOPS</c>.</summary>
    public static string FlopRate(double flopsPerSecond) => Scaled(flopsPerSecond, FlopRatePrefixes);

    /// <summary>A FLOP count in scientific notation with four significant digits: <c>1.38e14 FLOP</c>, <c>0 FLOP</c>.</summary>
    public static string Flops(double flops) => Scientific(flops) + " FLOP";

    /// <summary>Arithmetic intensity: <c>312.4 FLOP/B</c>.</summary>
    public static string Intensity(double flopsPerByte) => Number(flopsPerByte, 4) + " FLOP/B";

    /// <summary>A duration in the largest of s, ms, us, ns that keeps it at least 1: <c>2 s</c>, <c>450 ms</c>, <c>12.5 us</c>.</summary>
    public static string Seconds(double seconds)
    {
        var magnitude = Math.Abs(seconds);
        return magnitude switch
        {
            0 => "0 s",
            >= 1 => Number(seconds, 4) + " s",
            >= 1e-3 => Number(seconds * 1e3, 4) + " ms",
            >= 1e-6 => Number(seconds * 1e6, 4) + " us",
            _ => Number(seconds * 1e9, 4) + " ns",
        };
    }

    /// <summary>A rate with its unit: <c>Rate(2.5, "req/s")</c> is <c>2.5 req/s</c>, <c>Rate(12345.6, "tok/s")</c> is <c>12350 tok/s</c>.</summary>
    public static string Rate(double perSecond, string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Number(perSecond, 4) + " " + unit;
    }

    /// <summary>A fraction as a percentage with up to four significant digits: <c>0.953</c> is <c>95.3%</c>.</summary>
    public static string Percent(double fraction) => Number(fraction * 100, 4) + "%";

    /// <summary>
    /// A plain number rounded to <paramref name="significantDigits"/> significant digits, without exponent for
    /// magnitudes in [1e-4, 1e15) and in <c>1.5e-5</c> form outside; <c>-0</c> renders as <c>0</c>.
    /// </summary>
    public static string Number(double value, int significantDigits = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 15);
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        if (value == 0)
        {
            return "0";
        }

        var magnitude = Math.Abs(value);
        if (magnitude < 1e-4 || magnitude >= 1e15)
        {
            return Scientific(value, significantDigits);
        }

        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var decimals = significantDigits - 1 - exponent;
        // Negative decimals round to tens, hundreds, ...: 1234567.89 at 6 digits is 1234570.
        var rounded = decimals >= 0
            ? Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero)
            : Math.Round(value / Math.Pow(10, -decimals), MidpointRounding.AwayFromZero) * Math.Pow(10, -decimals);
        return rounded.ToString("0.###############", CultureInfo.InvariantCulture);
    }

    /// <summary>A large count with a short-scale suffix: <c>68.98B</c> (billion), <c>86.85K</c>, <c>512</c>.</summary>
    public static string Abbreviated(double count) => Scaled(count, CountPrefixes).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>An integer count without separators: <c>4096</c>.</summary>
    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Scientific notation, invariant, lower-case <c>e</c>, no <c>+</c>: <c>1.38e14</c>, <c>9.6e1</c>, <c>0</c>.</summary>
    public static string Scientific(double value, int significantDigits = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1);
        if (value == 0)
        {
            return "0";
        }

        var format = "0." + new string('#', significantDigits - 1) + "e0";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Scaled(double value, string[] prefixes)
    {
        var index = 0;
        var scaled = value;
        // Compare the ROUNDED value so 999.96 GB becomes 1 TB rather than "1000 GB".
        while (index < prefixes.Length - 1 && Math.Abs(Math.Round(scaled, Math.Max(0, 3 - Digits(scaled)))) >= 1000)
        {
            scaled /= 1000;
            index++;
        }

        return Number(scaled, 4) + " " + prefixes[index];
    }

    // Digits before the decimal point of |x| (at least 1), which sets how many decimals four significant digits keep.
    private static int Digits(double x) => Math.Abs(x) < 1 ? 1 : (int)Math.Floor(Math.Log10(Math.Abs(x))) + 1;
}
