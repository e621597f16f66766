namespace Pipeline.Core.Traces;

/// <summary>What kind of problem a trace has.</summary>
public enum TraceProblemKind
{
    /// <summary>A header that names no known columns.</summary>
    Header,

    /// <summary>A row that does not parse (wrong cell count, not a number, NaN, infinite, negative, out of range).</summary>
    Row,

    /// <summary>A row that arrives before the row above it.</summary>
    Order,

    /// <summary>No rows at all (an empty file, or a header alone).</summary>
    Empty,
}

/// <summary>One problem of a trace, at its line.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Line">One-based line in the file (1 for an empty file).</param>
/// <param name="Message">What is wrong, quoting the cell.</param>
public sealed record TraceProblem(TraceProblemKind Kind, int Line, string Message);
