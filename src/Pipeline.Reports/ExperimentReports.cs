using Pipeline.Plans;
using Pipeline.Runner;
using Pipeline.Runner.Cells;

namespace Pipeline.Reports;

/// <summary>
/// The reports of one compiled experiment under one folder: a single run's report in the folder itself, or for a
/// sweep one <c>run-N</c> folder per cell plus the sweep's own report beside them. The caller starts each run's
/// <see cref="RunReporter"/> (an observer for the run), completes it with the result, then completes the sweep.
/// </summary>
public sealed class ExperimentReports
{
    private readonly string _folder;
    private readonly IReadOnlyList<ExperimentPlan> _runs;
    private readonly int? _seed;
    private readonly SweepReporter? _sweep;

    /// <summary>Reports for <paramref name="runs"/> (the compiled runs, one per sweep cell) under <paramref name="folder"/>.</summary>
    public ExperimentReports(string folder, IReadOnlyList<ExperimentPlan> runs, int? seedOverride)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(runs);
        _folder = folder;
        _runs = runs;
        _seed = seedOverride;
        _sweep = runs.Count > 1 ? new SweepReporter(folder, runs[0]) : null;
    }

    /// <summary>The folder of run <paramref name="index"/>.</summary>
    public string FolderOf(int index) => _runs.Count > 1 ? Path.Combine(_folder, $"run-{index}") : _folder;

    /// <summary>Starts run <paramref name="index"/>'s report; pass it to the run as an observer.</summary>
    public RunReporter Start(int index) => RunReporter.Create(FolderOf(index), _runs[index], RunIdentity.Of(_runs[index], index, _seed));

    /// <summary>Completes run <paramref name="index"/>'s report; returns the path of its page.</summary>
    public string Complete(int index, RunReporter reporter, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(result);
        reporter.Complete(result);
        _sweep?.Add(_runs[index], RunIdentity.Of(_runs[index], index, _seed), result, reporter.Folder);
        return Path.Combine(reporter.Folder, ReportFiles.Html);
    }

    /// <summary>
    /// Adds a cell's result that ran elsewhere (a cell executor): writes the report files it brought back
    /// (<see cref="CellResult.Files"/>) into its folder, named as a local run's would be, and adds it to the sweep's
    /// report. A cell that did not run is not a row, as locally. Returns the path of the cell's page when it brought one.
    /// </summary>
    public string? Add(CellResult cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var folder = FolderOf(cell.Index);
        string? page = null;
        if (cell.Files is { Count: > 0 } files)
        {
            Directory.CreateDirectory(folder);
            foreach (var file in files)
            {
                // A name is a file of this folder, never a path out of it (the bytes came over the network).
                if (file.Name != Path.GetFileName(file.Name) || file.Name is "" or "." or "..")
                {
                    throw new InvalidDataException($"cell {cell.Index} sent a report file named '{file.Name}', which is not a plain file name");
                }
                File.WriteAllBytes(Path.Combine(folder, file.Name), file.Content);
                if (file.Name == ReportFiles.Html) page = Path.Combine(folder, file.Name);
            }
        }
        if (cell.Succeeded) _sweep?.Add(cell, folder);
        return page;
    }

    /// <summary>Writes the sweep's report when this is a sweep with finished cells; returns its page's path, else null.</summary>
    public string? CompleteSweep()
    {
        if (_sweep is null || _sweep.Cells.Count == 0) return null;
        _sweep.Complete();
        return Path.Combine(_folder, ReportFiles.Html);
    }
}
