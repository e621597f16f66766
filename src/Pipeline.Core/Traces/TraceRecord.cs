namespace Pipeline.Core.Traces;

/// <summary>One request of a trace.</summary>
/// <param name="Arrival">Seconds since the start of the trace (the first row's time for timestamped traces).</param>
/// <param name="PromptTokens">Prompt length, when the trace has lengths.</param>
/// <param name="OutputTokens">Output length, when the trace has lengths.</param>
/// <param name="Line">One-based line of the row in the file.</param>
public sealed record TraceRecord(double Arrival, int? PromptTokens, int? OutputTokens, int Line);
