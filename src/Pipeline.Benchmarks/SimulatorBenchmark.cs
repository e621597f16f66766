using System.Diagnostics;
using System.Globalization;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Runner;

namespace Pipeline.Benchmarks;

/// <summary>
/// <c>pipeline bench simulate</c>: how fast the simulator serves a fixed experiment and how much memory it takes. The
/// experiment is recompiled with its request count (and scenario) changed, run in simulate mode with the timelines
/// streamed (<c>KeepTimelines = false</c>: metrics only, as long runs are made), and measured around the run alone:
/// wall and CPU time, managed bytes allocated, GC collections and pauses, the heap left after it and the process's
/// peak working set. The simulated summary is printed too, so runs of different builds can be checked to agree.
/// </summary>
public static class SimulatorBenchmark
{
    /// <summary>Compiles and runs the experiment; returns the figures, or the compiler's errors as text.</summary>
    public static (SimulatorBenchmarkResult? Result, string? Error) Measure(SimulatorBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Requests < 1) return (null, $"requests must be at least 1, got {options.Requests}");
        if (!File.Exists(options.ExperimentPath)) return (null, $"experiment file '{options.ExperimentPath}' not found");
        var settings = new KeyValuePair<string, double>[] { new("workload.requests", options.Requests), new("benchmark.min_queries", options.Requests) };
        var compiled = ExperimentCompiler.CompileCell(SourceText.FromFile(options.ExperimentPath), settings, scenario: options.Scenario);
        if (!compiled.Success) return (null, string.Join(Environment.NewLine, compiled.Errors.Select(d => d.ToString())));
        var plan = compiled.Plan!;
        if (plan.Benchmark.Mode != BenchmarkMode.Simulate) return (null, $"'{options.ExperimentPath}' runs in {plan.Benchmark.Mode} mode; the simulator benchmark needs mode = simulate");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var run = ExperimentRunner.Run(plan, new RunOptions(KeepTimelines: false));
        watch.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var counts = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        var pauseSeconds = (GC.GetTotalPauseDuration() - pause).TotalSeconds;
        var peak = process.PeakWorkingSet64;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(run);
        if (!run.Succeeded) return (null, string.Join(Environment.NewLine, run.Diagnostics.Select(d => d.ToString())));
        var m = run.Metrics;
        return (new SimulatorBenchmarkResult(
            plan.Name, plan.Benchmark.Scenario.ToString(), m.Arrived, m.Completed, m.OutputTokens, m.Duration,
            m.Ttft.LoadGenPercentile(99), m.Tpot.LoadGenPercentile(99), watch.Elapsed.TotalSeconds, cpuSeconds,
            allocatedBytes, heapAfter, peak, counts.Item1, counts.Item2, counts.Item3, pauseSeconds), null);
    }

    /// <summary>Writes the figures as <c>name: value</c> lines (invariant culture).</summary>
    public static void Print(SimulatorBenchmarkResult r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"experiment: {r.Experiment} ({r.Scenario}), simulate mode, timelines streamed"));
        output.WriteLine(string.Create(c, $"simulated: {r.Arrived} queries, {r.Completed} completed, {r.OutputTokens} output tokens in {r.SimulatedSeconds:0.###} s; p99 TTFT {r.P99TtftSeconds * 1e3:0.###} ms, p99 TPOT {r.P99TpotSeconds * 1e3:0.###} ms"));
        output.WriteLine(string.Create(c, $"wall: {r.WallSeconds:0.###} s, {r.RequestsPerSecond:0} requests/s"));
        output.WriteLine(string.Create(c, $"cpu: {r.CpuSeconds:0.###} s, {r.RequestsPerCpuSecond:0} requests/cpu-s"));
        output.WriteLine(string.Create(c, $"allocated: {r.AllocatedBytes / 1e6:0.#} MB ({r.AllocatedBytesPerRequest:0} B/request)"));
        output.WriteLine(string.Create(c, $"gc: gen0 {r.Gen0}, gen1 {r.Gen1}, gen2 {r.Gen2}, paused {r.GcPauseSeconds:0.###} s"));
        output.WriteLine(string.Create(c, $"heap after run: {r.HeapBytesAfter / 1e6:0.#} MB"));
        output.WriteLine(string.Create(c, $"peak working set: {r.PeakWorkingSetBytes / 1e6:0.#} MB ({(double)r.PeakWorkingSetBytes / Math.Max(1, r.Arrived):0} B/request, whole process)"));
    }
}
