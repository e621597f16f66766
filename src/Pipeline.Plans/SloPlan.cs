namespace Pipeline.Plans;

/// <summary>A latency metric a service-level objective constrains.</summary>
public enum LatencyMetric
{
    /// <summary>Time to first token.</summary>
    Ttft,
    /// <summary>Time per output token after the first: (e2e - ttft) / (output - 1).</summary>
    Tpot,
    /// <summary>Inter-token latency: each gap between consecutive tokens.</summary>
    Itl,
    /// <summary>End-to-end latency.</summary>
    E2e,
}

/// <summary>Where a limit comes from.</summary>
public enum SloOrigin
{
    /// <summary>Written in the experiment file.</summary>
    Declared,
    /// <summary>MLPerf Inference's limit for the model and scenario.</summary>
    MlperfDefault,
}

/// <summary>"The <paramref name="Percentile"/>th percentile of <paramref name="Metric"/> is at most <paramref name="Limit"/> seconds."</summary>
public sealed record SloLimit(LatencyMetric Metric, double Percentile, double Limit, SloOrigin Origin);

/// <summary>The experiment's service-level objectives; a request meets them when all its per-request limits hold.</summary>
public sealed record SloPlan(IReadOnlyList<SloLimit> Limits);
