namespace Pipeline.Benchmarks;

/// <summary>One simulate run's speed and memory, beside a summary of what it simulated (to check runs agree).</summary>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Scenario">The scenario it ran under.</param>
/// <param name="Arrived">Queries served.</param>
/// <param name="Completed">Queries completed.</param>
/// <param name="OutputTokens">Output tokens of the completed queries.</param>
/// <param name="SimulatedSeconds">The run's simulated duration.</param>
/// <param name="P99TtftSeconds">LoadGen's p99 TTFT.</param>
/// <param name="P99TpotSeconds">LoadGen's p99 TPOT.</param>
/// <param name="WallSeconds">Real seconds of the run (compilation excluded).</param>
/// <param name="CpuSeconds">Process CPU seconds of the run (every thread, the GC's included).</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap during the run (<c>GC.GetTotalAllocatedBytes</c>).</param>
/// <param name="HeapBytesAfter">Managed heap in use after the run, after a full collection (what the run left behind).</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set (whole process: runtime, compiler and run).</param>
/// <param name="Gen0">Generation-0 collections during the run.</param>
/// <param name="Gen1">Generation-1 collections during the run.</param>
/// <param name="Gen2">Generation-2 collections during the run.</param>
/// <param name="GcPauseSeconds">Time the run's threads were paused by the GC.</param>
public sealed record SimulatorBenchmarkResult(
    string Experiment,
    string Scenario,
    int Arrived,
    int Completed,
    long OutputTokens,
    double SimulatedSeconds,
    double P99TtftSeconds,
    double P99TpotSeconds,
    double WallSeconds,
    double CpuSeconds,
    long AllocatedBytes,
    long HeapBytesAfter,
    long PeakWorkingSetBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseSeconds)
{
    /// <summary>Simulated requests per wall-clock second.</summary>
    public double RequestsPerSecond => WallSeconds > 0 ? Arrived / WallSeconds : 0;

    /// <summary>Simulated requests per CPU second.</summary>
    public double RequestsPerCpuSecond => CpuSeconds > 0 ? Arrived / CpuSeconds : 0;

    /// <summary>Managed bytes allocated per request.</summary>
    public double AllocatedBytesPerRequest => Arrived > 0 ? (double)AllocatedBytes / Arrived : 0;
}
