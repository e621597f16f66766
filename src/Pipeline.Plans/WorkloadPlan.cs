namespace Pipeline.Plans;

/// <summary>When requests arrive.</summary>
public abstract record ArrivalProcess;

/// <summary>Every request arrives at time zero (MLPerf Offline).</summary>
public sealed record AllAtOnceArrivals : ArrivalProcess;

/// <summary>Exponential inter-arrival times with <paramref name="Rate"/> requests per second.</summary>
public sealed record PoissonArrivals(double Rate) : ArrivalProcess;

/// <summary>One request every <paramref name="Interval"/> seconds.</summary>
public sealed record FixedIntervalArrivals(double Interval) : ArrivalProcess;

/// <summary>
/// Arrival times (and lengths, when present) read from a trace file, replayed on a clock <paramref name="Speed"/> times
/// as fast as the recorded one (every arrival time divided by it): 2 is the same requests in half the time, which is
/// how a peak search or a capacity plan varies a trace's load without changing its shape.
/// </summary>
public sealed record TraceArrivals(string Path, double Speed = 1) : ArrivalProcess
{
    /// <summary>What the compiler read from the file (rows, time span, lengths); null before the file is read.</summary>
    public TraceSummary? Summary { get; init; }

    /// <summary>
    /// The rows the compiler read, which a run replays: a compiled plan never sends its run back to the file, so a run
    /// replays exactly what was checked, and a cell run in another process needs no copy of the file. Null in a plan
    /// built by hand, whose run reads <see cref="Path"/>.
    /// </summary>
    public IReadOnlyList<Core.Traces.TraceRecord>? Records { get; init; }

    /// <summary>
    /// The trace's mean arrival rate at its speed, requests per second: rows over the span from the first arrival to the
    /// last, times the speed; null before the file is read or when every row arrives at once (no span to divide by).
    /// </summary>
    public double? MeanRate => Summary is { LastArrival: > 0 } s ? s.Rows / s.LastArrival * Speed : null;

    /// <summary>Equal when the path, speed and summary are and the rows are the same rows (by value: two compilations of one file are equal).</summary>
    public bool Equals(TraceArrivals? other) =>
        other is not null && Path == other.Path && Speed.Equals(other.Speed) && Equals(Summary, other.Summary)
        && (ReferenceEquals(Records, other.Records) || (Records is not null && other.Records is not null && Records.SequenceEqual(other.Records)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Speed, Summary, Records?.Count);
}

/// <summary>A distribution of token counts, clamped to <c>[Min, Max]</c> and rounded to whole tokens.</summary>
public abstract record LengthDistribution(int Min, int Max);

/// <summary>Always <paramref name="Tokens"/>.</summary>
public sealed record FixedLength(int Tokens) : LengthDistribution(Tokens, Tokens);

/// <summary>Uniform over <c>[Min, Max]</c>.</summary>
public sealed record UniformLength(int Min, int Max) : LengthDistribution(Min, Max);

/// <summary>Normal with a mean and standard deviation, clamped.</summary>
public sealed record NormalLength(double Mean, double StdDev, int Min, int Max) : LengthDistribution(Min, Max);

/// <summary>Log-normal with the given mean and standard deviation of the token count itself (not of its log), clamped.</summary>
public sealed record LogNormalLength(double Mean, double StdDev, int Min, int Max) : LengthDistribution(Min, Max);

/// <summary>
/// Lengths read from a trace's rows (each request takes its own row's length; nothing is drawn): their range and mean,
/// for the phase costs and the plan.
/// </summary>
public sealed record TraceLength(double Mean, int Min, int Max) : LengthDistribution(Min, Max);

/// <summary>
/// Prompts read from a JSONL dataset (<c>dataset("prompts.jsonl")</c>): request <c>i</c> takes row <c>i mod rows</c>,
/// its prompt encoded with <paramref name="Tokenizer"/> (the model's GGUF file) or, without one, random ids of the
/// estimated length. The range and mean are the rows' lengths as the compiler measured them.
/// </summary>
/// <param name="Path">The dataset file.</param>
/// <param name="Tokenizer">The GGUF file whose tokenizer encodes the prompts; null: lengths estimated from UTF-8 bytes.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Mean">Mean prompt length in tokens.</param>
/// <param name="Min">Shortest prompt.</param>
/// <param name="Max">Longest prompt.</param>
public sealed record DatasetPrompts(string Path, string? Tokenizer, int Rows, double Mean, int Min, int Max) : LengthDistribution(Min, Max)
{
    /// <summary>
    /// The rows the compiler read, which a run encodes and replays: a compiled plan never sends its run back to the
    /// file (a cell run in another process needs no copy of it; the tokenizer's GGUF file, when there is one, still
    /// is read there). Null in a plan built by hand, whose run reads <see cref="Path"/>.
    /// </summary>
    public IReadOnlyList<Core.Prompts.PromptRow>? Records { get; init; }

    /// <summary>Equal when the description is and the rows are the same rows (by value: two compilations of one file are equal).</summary>
    public bool Equals(DatasetPrompts? other) =>
        other is not null && base.Equals(other) && Path == other.Path && Tokenizer == other.Tokenizer && Rows == other.Rows && Mean.Equals(other.Mean)
        && (ReferenceEquals(Records, other.Records) || (Records is not null && other.Records is not null && Records.SequenceEqual(other.Records)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Tokenizer, Rows, Mean, Min, Max);
}

/// <summary>Output lengths read from a prompt dataset's rows (every row gives <c>output_tokens</c>): their range and mean.</summary>
public sealed record DatasetLength(double Mean, int Min, int Max) : LengthDistribution(Min, Max);

/// <summary>The requests of an experiment.</summary>
/// <param name="Arrivals">Arrival process.</param>
/// <param name="PromptTokens">Prompt length distribution.</param>
/// <param name="OutputTokens">Output length distribution.</param>
/// <param name="Requests">Number of requests, when bounded by count.</param>
/// <param name="Duration">Seconds of arrivals, when bounded by time.</param>
/// <param name="Seed">Seed of every random draw of the workload.</param>
public sealed record WorkloadPlan(
    ArrivalProcess Arrivals,
    LengthDistribution PromptTokens,
    LengthDistribution OutputTokens,
    int? Requests,
    double? Duration,
    int Seed);
