using System.Text;
using Pipeline.Core.Text;
using Pipeline.Reports;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Tests;

/// <summary>The test sweeps' cells, and their sweep.csv as the reports write it.</summary>
internal static class TestCells
{
    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static CellSet Compile(string name, int? seed = null)
    {
        var cells = ExperimentCells.Compile(SourceText.FromFile(File(name)), seed);
        cells.Compiled.Success.Should().BeTrue(string.Join("\n", cells.Compiled.Diagnostics));
        return cells;
    }

    /// <summary>
    /// The trace sweep compiled from a copy of its folder, its cells run by the plain loop there, then the folder
    /// deleted: whatever runs the cells afterwards has only their text (returns the trace's absolute path as the cells
    /// recorded it).
    /// </summary>
    public static async Task<(CellSet Cells, List<CellResult> Loop, string Trace)> TraceSweepWithoutItsFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-trace-cells-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "traces"));
            System.IO.File.Copy(File("trace-sweep.pipe"), Path.Combine(folder, "trace-sweep.pipe"));
            System.IO.File.Copy(File("traces/chat.csv"), Path.Combine(folder, "traces", "chat.csv"));
            var cells = ExperimentCells.Compile(SourceText.FromFile(Path.Combine(folder, "trace-sweep.pipe")));
            cells.Compiled.Success.Should().BeTrue(string.Join("\n", cells.Compiled.Diagnostics));
            return (cells, await Collect(new LocalCellExecutor(), cells.Cells), Path.Combine(folder, "traces", "chat.csv"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<List<CellResult>> Collect(ICellExecutor executor, IReadOnlyList<ExperimentCell> cells)
    {
        var results = new List<CellResult>();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // a safety net, never a measure
        await foreach (var result in executor.RunAsync(cells, limit.Token)) results.Add(result);
        return results;
    }

    /// <summary>sweep.csv written by the sweep report from <paramref name="results"/>, in the order given.</summary>
    public static string SweepCsv(CellSet cells, IEnumerable<CellResult> results)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pipeline-cluster-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var reports = new ExperimentReports(folder, cells.Compiled.Runs, seedOverride: null);
            foreach (var result in results) reports.Add(result);
            reports.CompleteSweep().Should().NotBeNull();
            return System.IO.File.ReadAllText(Path.Combine(folder, "sweep.csv"), Encoding.UTF8);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
