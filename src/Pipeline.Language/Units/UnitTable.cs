namespace Pipeline.Language.Units;

/// <summary>Every unit the language knows. Spellings are case-sensitive (<c>MB</c> is megabytes, <c>Mb</c> is not known).</summary>
public static class UnitTable
{
    private static readonly UnitDefinition[] s_all =
    [
        new("ns", Dimension.Time, 1e-9), new("us", Dimension.Time, 1e-6), new("µs", Dimension.Time, 1e-6),
        new("ms", Dimension.Time, 1e-3), new("s", Dimension.Time, 1), new("min", Dimension.Time, 60), new("h", Dimension.Time, 3600),
        new("tok", Dimension.Tokens, 1), new("tokens", Dimension.Tokens, 1),
        new("B", Dimension.Bytes, 1), new("KB", Dimension.Bytes, 1e3), new("MB", Dimension.Bytes, 1e6),
        new("GB", Dimension.Bytes, 1e9), new("TB", Dimension.Bytes, 1e12),
        new("KiB", Dimension.Bytes, 1024), new("MiB", Dimension.Bytes, 1024.0 * 1024),
        new("GiB", Dimension.Bytes, 1024.0 * 1024 * 1024), new("TiB", Dimension.Bytes, 1024.0 * 1024 * 1024 * 1024),
        new("B/s", Dimension.Bandwidth, 1), new("KB/s", Dimension.Bandwidth, 1e3), new("MB/s", Dimension.Bandwidth, 1e6),
        new("GB/s", Dimension.Bandwidth, 1e9), new("TB/s", Dimension.Bandwidth, 1e12),
        new("GiB/s", Dimension.Bandwidth, 1024.0 * 1024 * 1024), new("Gb/s", Dimension.Bandwidth, 1e9 / 8),
        new("FLOPS", Dimension.Compute, 1), new("GFLOPS", Dimension.Compute, 1e9),
        new("TFLOPS", Dimension.Compute, 1e12), new("PFLOPS", Dimension.Compute, 1e15),
        new("req/s", Dimension.RequestRate, 1), new("req/min", Dimension.RequestRate, 1.0 / 60), new("req/h", Dimension.RequestRate, 1.0 / 3600),
        new("W", Dimension.Power, 1), new("kW", Dimension.Power, 1e3),
        new("%", Dimension.Fraction, 0.01),
        new("USD/h", Dimension.Price, 1), new("USD/min", Dimension.Price, 60), new("USD/s", Dimension.Price, 3600),
    ];

    private static readonly Dictionary<string, UnitDefinition> s_bySymbol = s_all.ToDictionary(u => u.Symbol, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["msec"] = "ms", ["msecs"] = "ms", ["millis"] = "ms", ["usec"] = "us", ["usecs"] = "us", ["nsec"] = "ns",
        ["sec"] = "s", ["secs"] = "s", ["second"] = "s", ["seconds"] = "s", ["mins"] = "min", ["minute"] = "min", ["minutes"] = "min",
        ["hr"] = "h", ["hour"] = "h", ["hours"] = "h", ["token"] = "tok", ["toks"] = "tok",
        ["rps"] = "req/s", ["qps"] = "req/s", ["req/sec"] = "req/s", ["reqs/s"] = "req/s", ["flops"] = "FLOPS", ["tflop"] = "TFLOPS",
    };

    /// <summary>
    /// The known unit someone most likely meant by an unknown spelling: same letters in another case (<c>gb</c>), a
    /// common long form (<c>msec</c>, <c>seconds</c>, <c>rps</c>), or null.
    /// </summary>
    public static string? Suggest(string spelling)
    {
        ArgumentNullException.ThrowIfNull(spelling);
        var sameLetters = s_all.FirstOrDefault(u => string.Equals(u.Symbol, spelling, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null) return sameLetters.Symbol;
        return s_aliases.TryGetValue(spelling, out var alias) ? alias : null;
    }

    /// <summary>All units, grouped by dimension.</summary>
    public static IReadOnlyList<UnitDefinition> All => s_all;

    /// <summary>Looks a unit up by its exact spelling.</summary>
    public static bool TryGet(string symbol, out UnitDefinition unit) => s_bySymbol.TryGetValue(symbol, out unit!);
}
