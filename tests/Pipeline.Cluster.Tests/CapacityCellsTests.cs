using Pipeline.Core.Text;
using Pipeline.Runner.Capacity;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Tests;

/// <summary>A capacity plan's candidates as cells, run on the in-process silo.</summary>
public sealed class CapacityCellsTests
{
    [Fact]
    public async Task An_in_process_silo_gives_the_planners_capacity_csv_with_results_merged_in_any_order()
    {
        var source = SourceText.FromFile(TestCells.File("capacity-plan.pipe"));
        var expected = Csv(CapacityPlanner.Run(source));
        var cells = CapacityCells.Compile(source);
        cells.Cells.Should().HaveCount(4);
        cells.Cells.Should().OnlyContain(c => c.Files.Count == 1, "the imported accelerator travels as text");

        var connected = await CellCluster.ConnectAsync(ClusterAddress.Local, new CellClusterOptions(Slots: 2));
        List<CellResult> results;
        await using (var cluster = connected.Cluster!) results = await TestCells.Collect(cluster.Executor, cells.Cells);

        results.Should().HaveCount(4).And.OnlyContain(r => r.Candidate != null && r.Errors.Count == 0);
        Csv(CapacityCells.Report(cells, results)).Should().Be(expected);
        Csv(CapacityCells.Report(cells, Enumerable.Reverse(results))).Should().Be(expected, "results merge in any order");
    }

    public static string Csv(CapacityReport report)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        CapacityCsv.Write(report, writer);
        return writer.ToString();
    }
}
