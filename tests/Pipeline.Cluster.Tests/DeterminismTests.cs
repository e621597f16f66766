using Pipeline.Cluster.Internal;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Tests;

/// <summary>The same file and seed give the same cells and results, whatever order the cells finish in.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public async Task Sweep_csv_and_results_are_the_same_whatever_order_the_cells_finish_in()
    {
        var cells = TestCells.Compile("cells-sweep.pipe");
        var inOrder = await TestCells.Collect(new LocalCellExecutor(), cells.Cells);
        var csv = TestCells.SweepCsv(cells, inOrder);
        var json = inOrder.Select(CellJson.Write).ToArray();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            // The local executor runs cells in the order given: a permutation is a completion order.
            var permuted = cells.Cells.ToArray();
            new Random(seed).Shuffle(permuted);
            permuted.Select(c => c.Index).Should().NotEqual(Enumerable.Range(0, 8));
            var results = await TestCells.Collect(new LocalCellExecutor(), permuted);

            results.Select(r => r.Index).Should().Equal(permuted.Select(c => c.Index));
            TestCells.SweepCsv(cells, results).Should().Be(csv);
            results.OrderBy(r => r.Index).Select(CellJson.Write).Should().Equal(json);
        }
    }

    [Fact]
    public void The_same_file_and_seed_give_the_same_cells()
    {
        var first = TestCells.Compile("cells-sweep.pipe", seed: 5).Cells.Select(CellJson.Write);
        var second = TestCells.Compile("cells-sweep.pipe", seed: 5).Cells.Select(CellJson.Write);

        second.Should().Equal(first);
        TestCells.Compile("cells-sweep.pipe", seed: 5).Cells.Should().OnlyContain(c => c.Seed == 5 && c.Files.Count == 1);
    }

    [Fact]
    public void A_cell_runs_from_its_own_text_when_the_files_it_imported_are_gone()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-cells-").FullName;
        try
        {
            File.Copy(TestCells.File("cells-sweep.pipe"), Path.Combine(folder, "cells-sweep.pipe"));
            File.Copy(TestCells.File("accelerators.pipe"), Path.Combine(folder, "accelerators.pipe"));
            var cells = ExperimentCells.Compile(Core.Text.SourceText.FromFile(Path.Combine(folder, "cells-sweep.pipe")));
            File.Delete(Path.Combine(folder, "accelerators.pipe"));

            var outcome = CellRunner.Run(cells.Cells[7]);

            outcome.Result.Errors.Should().BeEmpty("the import travels in the cell, not on the disk");
            outcome.Result.Figures!.Completed.Should().BeGreaterThan(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_anchored_cell_finds_its_imports_from_another_working_folder()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-cells-").FullName;
        var before = Environment.CurrentDirectory;
        try
        {
            File.Copy(TestCells.File("cells-sweep.pipe"), Path.Combine(folder, "cells-sweep.pipe"));
            File.Copy(TestCells.File("accelerators.pipe"), Path.Combine(folder, "accelerators.pipe"));
            Environment.CurrentDirectory = folder;
            var cell = ExperimentCells.Compile(Core.Text.SourceText.FromFile("cells-sweep.pipe")).Cells[0];
            var anchored = cell.Anchored();
            Environment.CurrentDirectory = Path.GetTempPath(); // as a worker started elsewhere

            CellRunner.Run(anchored).Result.Errors.Should().BeEmpty();
            CellRunner.Run(cell).Result.Errors.Should().Contain(e => e.Contains("PL0107"), "a relative path resolves against the worker's folder");
        }
        finally
        {
            Environment.CurrentDirectory = before;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_peak_search_cell_of_an_unsuitable_run_is_an_error_result_not_a_crash()
    {
        // cells-sweep sweeps the arrival rate, which a peak search needs to own.
        var cell = TestCells.Compile("cells-sweep.pipe").Cells[0] with { Kind = CellKind.PeakSearch };

        var outcome = CellRunner.Run(cell);

        outcome.Run.Should().BeNull();
        outcome.Result.Succeeded.Should().BeFalse();
        outcome.Result.Errors.Should().ContainSingle().Which.Should().StartWith("peak search: ");
    }

    [Fact]
    public async Task A_different_seed_gives_different_results()
    {
        var cells = TestCells.Compile("cells-sweep.pipe");
        var reseeded = TestCells.Compile("cells-sweep.pipe", seed: 11);

        var a = await TestCells.Collect(new LocalCellExecutor(), cells.Cells.Take(1).ToArray());
        var b = await TestCells.Collect(new LocalCellExecutor(), reseeded.Cells.Take(1).ToArray());

        b[0].Seed.Should().Be(11);
        b[0].Figures!.P99TtftSeconds.Should().NotBe(a[0].Figures!.P99TtftSeconds, "the seed draws the arrivals and lengths");
    }
}
