using Pipeline.Core.Diagnostics;
using Pipeline.Plans;

namespace Pipeline.Compiler;

/// <summary>The outcome of compiling an experiment file.</summary>
/// <param name="Plan">The compiled plan, or null when the file has errors. With a sweep, this is the experiment as
/// written (no axis applied) and <see cref="BenchmarkPlan.Sweep"/> describes the run matrix.</param>
/// <param name="Diagnostics">Every diagnostic of the file and its imports, sorted by file and position.</param>
/// <param name="Runs">One plan per sweep cell, in <see cref="SweepPlan.Runs"/> order: <c>Runs[i]</c> has the values of
/// <c>Sweep.Runs[i]</c> applied, and keeps the same <see cref="BenchmarkPlan.Sweep"/> so a consumer can print them. Just
/// <c>[Plan]</c> without a sweep; empty when there are errors. Run the runs; do not expand the sweep again.</param>
public sealed record CompilationResult(ExperimentPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ExperimentPlan> Runs)
{
    /// <summary>True when a plan was produced and no diagnostic is an error.</summary>
    public bool Success => Plan is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>The error diagnostics only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
