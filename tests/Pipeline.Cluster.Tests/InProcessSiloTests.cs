using Pipeline.Cluster.Internal;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Tests;

/// <summary>The in-process silo runs cells as grains, in parallel and in any order, yet reports what the plain loop does.</summary>
public sealed class InProcessSiloTests
{
    [Fact]
    public async Task In_process_silo_gives_the_plain_loops_sweep_csv_byte_for_byte()
    {
        var cells = TestCells.Compile("cells-sweep.pipe");
        var loop = await TestCells.Collect(new LocalCellExecutor(), cells.Cells);
        var connected = await CellCluster.ConnectAsync(ClusterAddress.Local, new CellClusterOptions(Slots: 2));
        await using var cluster = connected.Cluster!;
        var silo = await TestCells.Collect(cluster.Executor, cells.Cells);

        silo.Select(r => r.Index).Should().BeEquivalentTo(Enumerable.Range(0, 8), "each cell's result comes back exactly once");
        var expected = TestCells.SweepCsv(cells, loop);
        TestCells.SweepCsv(cells, silo).Should().Be(expected);
        // Not a vacuous match: the eight rows differ (overloaded cells are INVALID, the others VALID).
        expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Distinct().Should().HaveCount(8);
        loop.Select(r => r.Valid).Distinct().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_peak_search_cell_finds_the_same_peak_in_the_silo_as_in_the_loop()
    {
        var cells = TestCells.Compile("peak-sweep.pipe");
        cells.Cells.Should().OnlyContain(c => c.Kind == CellKind.PeakSearch, "the file asks for `search = peak_rate`");
        var loop = await TestCells.Collect(new LocalCellExecutor(), cells.Cells);
        var connected = await CellCluster.ConnectAsync(ClusterAddress.Local, new CellClusterOptions(Slots: 2));
        await using var cluster = connected.Cluster!;
        var silo = await TestCells.Collect(cluster.Executor, cells.Cells);

        loop.Should().OnlyContain(r => r.Peak != null && r.Peak.Found && r.Peak.Probes > 2);
        silo.OrderBy(r => r.Index).Select(CellJson.Write).Should().Equal(loop.Select(CellJson.Write));
        loop[0].Peak!.Rate.Should().NotBe(loop[1].Peak!.Rate, "max_batch 8 and 64 saturate at different rates");
    }

    [Fact]
    public async Task A_trace_sweep_runs_in_the_silo_from_the_cells_text_after_its_folder_is_gone()
    {
        var (cells, loop, trace) = await TestCells.TraceSweepWithoutItsFolder();
        cells.Cells.Should().OnlyContain(c => c.Files.Count == 1 && c.Files[0].Key == trace);

        var connected = await CellCluster.ConnectAsync(ClusterAddress.Local, new CellClusterOptions(Slots: 2));
        await using var cluster = connected.Cluster!;
        var silo = await TestCells.Collect(cluster.Executor, cells.Cells);

        silo.Should().OnlyContain(r => r.Errors.Count == 0, "the trace travels in the cell, not on the disk");
        silo.OrderBy(r => r.Index).Select(CellJson.Write).Should().Equal(loop.Select(CellJson.Write));
        loop.Select(r => r.Figures!.Completed).Should().OnlyContain(n => n == 120, "every row of the trace is replayed");
        loop.Select(r => r.Figures!.P99TtftSeconds).Should().BeInAscendingOrder("a faster replay queues more").And.OnlyHaveUniqueItems();
    }
}
