namespace Pipeline.Plans;

/// <summary>MLPerf Inference scenario.</summary>
public enum Scenario
{
    /// <summary>All queries at once; throughput only.</summary>
    Offline,
    /// <summary>Poisson arrivals under TTFT/TPOT limits.</summary>
    Server,
    /// <summary>One query at a time; latency.</summary>
    SingleStream,
    /// <summary>Server with tighter, interactive latency limits.</summary>
    Interactive,
}

/// <summary>How a benchmark produces step times.</summary>
public enum BenchmarkMode
{
    /// <summary>Run kernels on the local accelerator (wall clock).</summary>
    Execute,
    /// <summary>Predict step times with the hardware cost model (virtual clock).</summary>
    Simulate,
}

/// <summary>One axis of a sweep: a setting path and the values it takes.</summary>
/// <param name="Setting">Dotted setting path, e.g. <c>workload.rate</c> or <c>batching.max_batch</c>.</param>
/// <param name="Values">Values in the order they are run.</param>
public sealed record SweepAxis(string Setting, IReadOnlyList<double> Values);

/// <summary>One cell of the run matrix: its index and each axis's value.</summary>
public sealed record SweepRun(int Index, IReadOnlyList<KeyValuePair<string, double>> Settings);

/// <summary>The run matrix (cartesian product of the axes, first axis slowest).</summary>
public sealed record SweepPlan(IReadOnlyList<SweepAxis> Axes, IReadOnlyList<SweepRun> Runs);

/// <summary>A named set of benchmark rules the file took in one line (<c>preset = mlperf(server)</c>).</summary>
/// <param name="Name">The preset (<c>mlperf</c>).</param>
/// <param name="Scenario">The scenario whose rules it took.</param>
public sealed record BenchmarkPreset(string Name, Scenario Scenario);

/// <summary>
/// Search for the peak rate (MLPerf's Server figure): the highest Poisson arrival rate whose run is VALID, found by
/// bracketing and bisecting over rates with the same seed until the VALID and INVALID rates are within the tolerance.
/// </summary>
/// <param name="Tolerance">Stop when the lowest INVALID rate is within this fraction above the highest VALID one (0.02 = 2%).</param>
public sealed record PeakSearchPlan(double Tolerance)
{
    /// <summary>The tolerance when none is written.</summary>
    public const double DefaultTolerance = 0.02;
}

/// <summary>How the experiment is measured.</summary>
/// <param name="Scenario">MLPerf scenario.</param>
/// <param name="Mode">Execute or simulate.</param>
/// <param name="Workload">Query generation.</param>
/// <param name="Slo">Latency limits checked at the end.</param>
/// <param name="Duration">Minimum seconds of the run, if set.</param>
/// <param name="MinQueryCount">Minimum number of queries.</param>
/// <param name="Seed">Seed of the run (sampling, routing ties).</param>
/// <param name="Metrics">Metric names collected, in report order.</param>
/// <param name="Sweep">Sweep over settings, if any.</param>
/// <param name="Preset">The rules preset the limits, minimum duration and minimum query count came from (where the file did not set them), if any.</param>
/// <param name="Search">The peak-rate search the run asks for, if any.</param>
public sealed record BenchmarkPlan(
    Scenario Scenario,
    BenchmarkMode Mode,
    WorkloadPlan Workload,
    SloPlan Slo,
    double? Duration,
    int MinQueryCount,
    int Seed,
    IReadOnlyList<string> Metrics,
    SweepPlan? Sweep,
    BenchmarkPreset? Preset = null,
    PeakSearchPlan? Search = null);
