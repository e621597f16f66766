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
    /// <summary>Electrical power, in watts.</summary>
    Power,
    /// <summary>A share of something, as a fraction (written as a percentage: <c>2%</c> is 0.02).</summary>
    Fraction,
    /// <summary>A price per unit of time, in US dollars per hour (an accelerator's rental price).</summary>
    Price,
}
