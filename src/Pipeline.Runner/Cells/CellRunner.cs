using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Runner.Capacity;
using Pipeline.Runner.Search;

namespace Pipeline.Runner.Cells;

/// <summary>
/// Runs one <see cref="ExperimentCell"/> in this process: compiles its text (imports from the cell), picks its run and
/// runs it once or searches its peak, exactly as <c>pipeline run</c> does. Every executor, local or remote, ends here.
/// </summary>
public static class CellRunner
{
    /// <summary>Runs <paramref name="cell"/>.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="options">Progress, observers and cancellation for the cell's (final) run; the seed is the cell's.</param>
    /// <param name="onProbe">Sees each probe of a peak search as it finishes.</param>
    public static CellOutcome Run(ExperimentCell cell, RunOptions? options = null, Action<PeakProbe>? onProbe = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var source = new SourceText(cell.Path, cell.Source);
        var compiled = CompiledCells.Compile(cell, source);
        if (cell.Kind is CellKind.CapacityCandidate or CellKind.CapacityCandidateUnpruned) return Candidate(cell, source, compiled, options);
        if (!compiled.Success || cell.Index < 0 || cell.Index >= compiled.Runs.Count)
        {
            var errors = compiled.Success
                ? [$"cell {cell.Index} is not a run of {cell.Path} ({compiled.Runs.Count} runs)"]
                : compiled.Errors.Select(d => d.ToString()).ToArray();
            return new CellOutcome(new CellResult(cell.Index, cell.Seed ?? 0, [], null, [], errors), null, null);
        }
        var plan = compiled.Runs[cell.Index];
        if (cell.Kind == CellKind.PeakSearch && PeakRateSearch.Unsuitable(plan) is { } unsuitable)
        {
            return new CellOutcome(new CellResult(cell.Index, cell.Seed ?? plan.Benchmark.Workload.Seed, [], null, [], [$"peak search: {unsuitable}"]), null, null);
        }
        var runOptions = (options ?? RunOptions.Default) with { Seed = cell.Seed };
        PeakSearchResult? search = null;
        RunResult run;
        if (cell.Kind == CellKind.PeakSearch)
        {
            var probes = ExperimentProbes.ForRun(source, compiled, cell.Index, cell.ReadFile);
            var searchOptions = new RunOptions(cell.Seed, Cancellation: runOptions.Cancellation, KeepTimelines: false);
            search = PeakRateSearch.Find(plan, probes, searchOptions, onProbe);
            var rate = (search.Peak ?? search.Probes.OrderBy(p => p.Rate).First()).Rate;
            run = ExperimentRunner.Run(probes.At(rate), runOptions);
            if (!search.Found) run = run with { InvalidReasons = [.. run.InvalidReasons ?? [], $"peak search: {search.Failure ?? "no VALID rate"}"] };
        }
        else
        {
            run = ExperimentRunner.Run(plan, runOptions);
        }
        return new CellOutcome(ResultOf(cell, plan, run, search), run, search);
    }

    /// <summary>The mode <paramref name="cell"/> runs in (execute measures real kernels); null when it does not compile.</summary>
    public static BenchmarkMode? ModeOf(ExperimentCell cell) => PlanOf(cell)?.Benchmark.Mode;

    /// <summary>
    /// The compiled run <paramref name="cell"/> stands for (its report is written against it, as <c>pipeline run</c>
    /// does); null when it does not compile or its index is not a run of the file.
    /// </summary>
    public static ExperimentPlan? PlanOf(ExperimentCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var compiled = CompiledCells.Compile(cell, new SourceText(cell.Path, cell.Source));
        return compiled.Success && cell.Index >= 0 && cell.Index < compiled.Runs.Count ? compiled.Runs[cell.Index] : null;
    }

    /// <summary>A capacity candidate, weighed by the planner exactly as <c>pipeline capacity</c> does in-process.</summary>
    private static CellOutcome Candidate(ExperimentCell cell, SourceText source, CompilationResult compiled, RunOptions? options)
    {
        var capacity = compiled.Plan?.Capacity;
        string[] errors = !compiled.Success ? compiled.Errors.Select(d => d.ToString()).ToArray()
            : capacity is null ? [$"{cell.Path} has no capacity {{ }} block"]
            : cell.Index < 0 || cell.Index >= capacity.Candidates.Count ? [$"cell {cell.Index} is not a capacity candidate of {cell.Path} ({capacity.Candidates.Count} candidates)"]
            : [];
        var seed = cell.Seed ?? compiled.Plan?.Benchmark.Workload.Seed ?? 0;
        if (errors.Length > 0) return new CellOutcome(new CellResult(cell.Index, seed, [], null, [], errors), null, null);
        var capacityOptions = new CapacityOptions(cell.Seed, cell.Kind == CellKind.CapacityCandidate,
            options?.Cancellation ?? default, cell.ReadFile);
        var candidate = CapacityPlanner.EvaluateIn(source, capacity!, cell.Index, capacityOptions);
        return new CellOutcome(new CellResult(cell.Index, seed, [], null, [], [], Candidate: candidate), null, null);
    }

    private static CellResult ResultOf(ExperimentCell cell, ExperimentPlan plan, RunResult run, PeakSearchResult? search)
    {
        var seed = cell.Seed ?? plan.Benchmark.Workload.Seed;
        var swept = plan.Benchmark.Sweep?.Runs.ElementAtOrDefault(cell.Index)?.Settings ?? [];
        var errors = run.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToArray();
        var peak = search is null ? null : new CellPeak(search.Found,
            (search.Peak ?? search.Probes.OrderBy(p => p.Rate).First()).Rate, search.LowestInvalid, search.Failure, search.Probes.Count);
        // The figures are read against the cell's own plan (its offered rate as written), as the sweep report always has.
        return new CellResult(cell.Index, seed, swept, errors.Length == 0 ? CellFigures.Of(plan, run) : null,
            run.InvalidReasons ?? [], errors, peak);
    }
}
