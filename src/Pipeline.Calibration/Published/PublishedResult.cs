namespace Pipeline.Calibration.Published;

/// <summary>
/// One published benchmark result (a row of <c>shared/calibration/*.tsv</c>): the system as configured and what
/// LoadGen measured. Configuration fields are null where the table does not give them.
/// </summary>
/// <param name="Line">Line of the row in its file (1-based), for messages.</param>
/// <param name="Round">MLPerf round (<c>v4.1</c>).</param>
/// <param name="Submitter">Submitting organisation.</param>
/// <param name="System">System name as published.</param>
/// <param name="Accelerator">Accelerator name as published.</param>
/// <param name="Accelerators">Accelerators in the system (per node x nodes).</param>
/// <param name="Scenario">Offline or Server.</param>
/// <param name="TokensPerSecond">Output tokens per second (Offline) or completed tokens per second (Server).</param>
/// <param name="TtftP99">Server p99 time to first token, seconds.</param>
/// <param name="TpotP99">Server p99 time per output token, seconds.</param>
/// <param name="TargetQps">Server's Poisson rate, queries per second.</param>
/// <param name="Precision">Precision as published.</param>
/// <param name="TensorParallel">Tensor-parallel degree, when published.</param>
/// <param name="MaxBatch">Largest batch of one engine instance, when published.</param>
/// <param name="Software">Serving stack as published.</param>
public sealed record PublishedResult(
    int Line,
    string Round,
    string Submitter,
    string System,
    string Accelerator,
    int Accelerators,
    string Scenario,
    double TokensPerSecond,
    double? TtftP99,
    double? TpotP99,
    double? TargetQps,
    string Precision,
    int? TensorParallel,
    int? MaxBatch,
    string Software)
{
    /// <summary>Server mean time to first token, seconds, where published (the v4.1 summaries give it).</summary>
    public double? TtftMean { get; init; }

    /// <summary>Server mean time per output token (mean over samples of LoadGen's per-sample TPOT), seconds, where published.</summary>
    public double? TpotMean { get; init; }

    /// <summary>Completed queries per second (LoadGen's samples/s), where published: tokens/s over it is the output tokens per query.</summary>
    public double? SamplesPerSecond { get; init; }

    /// <summary>
    /// Queries in the whole system on average, by Little's law: completed queries per second times the mean latency,
    /// taken as mean TTFT plus mean TPOT times the output tokens per query less one (the summaries give no mean latency
    /// beside the means the tables carry; LoadGen's per-query TPOT varies little, p50 within 2% of the mean on the v4.1
    /// NVIDIA summaries, so the product of means stands for the mean of products). Null where a mean or the query rate
    /// is not published.
    /// </summary>
    public double? MeanInFlight => SamplesPerSecond is { } qps && qps > 0 && TtftMean is { } ttft && TpotMean is { } tpot
        ? qps * (ttft + tpot * Math.Max(0, TokensPerSecond / qps - 1))
        : null;

    /// <summary>The queries in flight one of <paramref name="replicas"/> data-parallel replicas held (<see cref="MeanInFlight"/> shared evenly).</summary>
    public double? MeanInFlightPer(int replicas) => replicas > 0 ? MeanInFlight / replicas : null;

    /// <summary>
    /// Pipeline-parallel stages per replica: the table's <c>pp</c> column, 1 for a table without one, null where the
    /// column says something other than a positive whole number (Gaudi 2's <c>unconfirmed</c>).
    /// </summary>
    public int? PipelineParallel { get; init; } = 1;

    /// <summary>Where the row was read from (the table's <c>source_path</c>: <c>repository@commit:path</c>), where given.</summary>
    public string? SourcePath { get; init; }

    /// <summary>True for an Offline row.</summary>
    public bool IsOffline => Scenario.Equals("Offline", StringComparison.OrdinalIgnoreCase);

    /// <summary>A short label: round, submitter, accelerators and scenario.</summary>
    public string Label => $"{Round} {Submitter} {Accelerators}x {Accelerator} {Scenario}";
}
