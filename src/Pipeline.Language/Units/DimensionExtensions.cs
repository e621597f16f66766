namespace Pipeline.Language.Units;

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
        Dimension.Power => "a power",
        Dimension.Fraction => "a percentage",
        Dimension.Price => "a price per hour",
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
        Dimension.Power => "W",
        Dimension.Fraction => "%",
        Dimension.Price => "USD/h",
        _ => string.Empty,
    };
}
