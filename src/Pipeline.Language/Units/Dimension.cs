namespace Pipeline.Language.Units;

/// <summary>The physical dimension of a quantity; a setting accepts exactly one.</summary>
public enum Dimension
{
    /// <summary>A plain number (counts, ratios, seeds).</summary>
    None,
    /// <summary>Time, in seconds.</summary>
    Time,
    /// <summary>A number of tokens.</summary>
    Tokens,
    /// <summary>Memory size, in bytes.</summary>
    Bytes,
    /// <summary>Transfer rate, in bytes per second.</summary>
    Bandwidth,
    /// <summary>Compute throughput, in floating-point operations per second.</summary>
    Compute,
    /// <summary>Request rate, in requests per second.</summary>
    RequestRate,
}

/// <summary>Human names of dimensions, used in diagnostics.</summary>
public static class DimensionExtensions
{
    /// <summary>How a diagnostic names the dimension (<c>a time</c>, <c>a bandwidth</c>).</summary>
    public static string Describe(this Dimension dimension) => dimension switch
    {
        Dimension.None => "a plain number",
        Dimension.Time => "a time",
        Dimension.Tokens => "a token count",
        Dimension.Bytes => "a memory size",
        Dimension.Bandwidth => "a bandwidth",
        Dimension.Compute => "a compute rate",
        Dimension.RequestRate => "a request rate",
        _ => dimension.ToString(),
    };

    /// <summary>A unit to suggest for the dimension (<c>ms</c>, <c>tok</c>, <c>GB/s</c>).</summary>
    public static string ExampleUnit(this Dimension dimension) => dimension switch
    {
        Dimension.Time => "ms",
        Dimension.Tokens => "tok",
        Dimension.Bytes => "GB",
        Dimension.Bandwidth => "GB/s",
        Dimension.Compute => "TFLOPS",
        Dimension.RequestRate => "req/s",
        _ => string.Empty,
    };
}
