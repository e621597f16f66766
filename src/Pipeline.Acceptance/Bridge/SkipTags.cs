namespace Pipeline.Acceptance.Bridge;

/// <summary>Tags the bridge treats specially at discovery.</summary>
public static class SkipTags
{
    /// <summary><c>@ignore</c>: never run, reported as skipped.</summary>
    public const string Ignore = "ignore";

    /// <summary><c>@pending</c>: written before the code it needs; reported as skipped, never as a pass.</summary>
    public const string Pending = "pending";

    /// <summary>
    /// <c>@benchmark</c>: compares measured (wall-clock) runs, which a busy machine can swing; skipped unless the
    /// environment variable <see cref="BenchmarksVariable"/> is <c>1</c>, so the default test run never times anything.
    /// </summary>
    public const string Benchmark = "benchmark";

    /// <summary>Set to <c>1</c> to run <c>@benchmark</c> scenarios.</summary>
    public const string BenchmarksVariable = "PIPELINE_BENCHMARKS";

    /// <summary>True when <c>@benchmark</c> scenarios should run.</summary>
    public static bool BenchmarksEnabled => Environment.GetEnvironmentVariable(BenchmarksVariable) == "1";
}
