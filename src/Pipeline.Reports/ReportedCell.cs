using Pipeline.Runner;
using Pipeline.Runner.Cells;
using Pipeline.Runner.Search;

namespace Pipeline.Reports;

/// <summary>
/// Runs a cell where it is placed (a silo, possibly another machine) and, when the cell asks for its reports
/// (<see cref="ExperimentCell.Reports"/>), writes them exactly as <c>pipeline run --out</c> writes a cell's folder
/// (<see cref="RunReporter"/> streaming the run, <c>peak.csv</c> for a peak search) into a scratch folder, and returns
/// them as the result's <see cref="CellResult.Files"/>, so the submitter writes the same bytes into its own folder.
/// </summary>
public static class ReportedCell
{
    /// <summary>Runs <paramref name="cell"/>; with <see cref="ExperimentCell.Reports"/>, its report files come back in the result.</summary>
    public static CellResult Run(ExperimentCell cell, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var options = new RunOptions(Cancellation: cancellation, KeepTimelines: false);
        // A cell that does not compile here has no report, as `pipeline run` writes none for a file that does not compile.
        if (!cell.Reports || CellRunner.PlanOf(cell) is not { } plan) return CellRunner.Run(cell, options).Result;
        var scratch = Path.Combine(Path.GetTempPath(), "pipeline-cell-" + Guid.NewGuid().ToString("N"));
        try
        {
            CellOutcome outcome;
            using (var reporter = RunReporter.Create(scratch, plan, RunIdentity.Of(plan, cell.Index, cell.Seed)))
            {
                outcome = CellRunner.Run(cell, options with { Observers = [reporter] });
                if (outcome.Search is { } search) PeakSearchCsv.WriteFile(search, scratch);
                // As `pipeline run`: a run that failed keeps the streamed files only, without the summary and page.
                if (outcome.Run is { Succeeded: true } run) reporter.Complete(run);
            }
            var files = Directory.GetFiles(scratch)
                .Order(StringComparer.Ordinal)
                .Select(path => new CellFile(Path.GetFileName(path), File.ReadAllBytes(path)))
                .ToArray();
            return outcome.Result with { Files = files };
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }
}
