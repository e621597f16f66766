namespace Pipeline.Compiler.Internal;

/// <summary>What values a numeric setting accepts.</summary>
internal enum NumberRule
{
    /// <summary>Any finite number.</summary>
    Any,
    /// <summary>Greater than zero.</summary>
    Positive,
    /// <summary>Zero or more.</summary>
    NonNegative,
    /// <summary>A whole number, at least one (counts, token lengths).</summary>
    Count,
    /// <summary>A whole number, zero or more (seeds).</summary>
    Seed,
    /// <summary>A share in [1e-6, 1] (efficiencies, utilisation): none is zero, and none is so small that it is not physical.</summary>
    Fraction,
}
