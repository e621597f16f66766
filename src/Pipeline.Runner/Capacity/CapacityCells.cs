using Pipeline.Core.Text;
using Pipeline.Runner.Cells;

namespace Pipeline.Runner.Capacity;

/// <summary>
/// A capacity plan as cells, one per candidate (<see cref="CellKind.CapacityCandidate"/>), for any
/// <see cref="ICellExecutor"/>; and the report of their results, merged by candidate index, which is the one
/// <see cref="CapacityPlanner.Run"/> gives in-process.
/// </summary>
public static class CapacityCells
{
    /// <summary>
    /// Compiles <paramref name="source"/> (imports and trace through <see cref="CapacityOptions.ReadFile"/>, recorded for the
    /// cells) and returns one cell per candidate; no cells when it does not compile or has no <c>capacity { }</c> block.
    /// </summary>
    public static CellSet Compile(SourceText source, CapacityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= CapacityOptions.Default;
        var compiled = ExperimentCells.CompileRecording(source, options.ReadFile, out var files);
        if (compiled.Plan?.Capacity is not { } capacity) return new CellSet(compiled, []);
        var kind = options.Prune ? CellKind.CapacityCandidate : CellKind.CapacityCandidateUnpruned;
        var cells = capacity.Candidates
            .Select(c => new ExperimentCell(source.Path, source.Content, files, c.Index, options.Seed, kind))
            .ToArray();
        return new CellSet(compiled, cells);
    }

    /// <summary>The report of <paramref name="results"/>, in any order; results without a candidate are left out.</summary>
    public static CapacityReport Report(CellSet cells, IEnumerable<CellResult> results)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(results);
        var plan = cells.Compiled.Plan;
        if (plan is null) return new CapacityReport(string.Empty, 0, [], cells.Compiled.Diagnostics);
        var candidates = results.Select(r => r.Candidate).OfType<CandidateResult>().OrderBy(c => c.Index).ToArray();
        var seed = cells.Cells.FirstOrDefault()?.Seed ?? plan.Benchmark.Workload.Seed;
        return new CapacityReport(plan.Name, CapacityPlanner.Traffic(plan), candidates, cells.Compiled.Diagnostics, seed, CapacityPlanner.TraceOf(plan));
    }
}
