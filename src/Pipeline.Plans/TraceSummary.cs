namespace Pipeline.Plans;

/// <summary>What a trace file holds, as the compiler read it.</summary>
/// <param name="Rows">Rows (requests) in the file.</param>
/// <param name="LastArrival">Seconds from the first arrival to the last.</param>
/// <param name="Prompt">Prompt lengths of the rows, when the trace has lengths.</param>
/// <param name="Output">Output lengths of the rows, when the trace has lengths.</param>
public sealed record TraceSummary(int Rows, double LastArrival, TraceLength? Prompt, TraceLength? Output);
