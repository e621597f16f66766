using System.Globalization;
using Pipeline.Runner.Capacity;
using Pipeline.Runner.Cells;

namespace Pipeline.Runner.Tests.Capacity;

/// <summary>A capacity plan's candidates as cells: what <see cref="CellRunner"/> does with one, and the merged report.</summary>
public sealed class CapacityCellsTests
{
    // One L40S cannot prefill 100 req/s of 2048-token prompts (see CapacityPlannerTests): its bound prunes it.
    private static readonly Core.Text.SourceText Hand = new("hand.pipe", """
        experiment hand {
          model llama-3.1-8b
          hardware { accelerator = l40s }
          workload { arrivals = poisson(rate: 100 req/s)  prompt = fixed(2048 tok)  output = fixed(16 tok)  requests = 150  seed = 3 }
          slo { ttft p90 <= 400 ms }
          benchmark { scenario = server  mode = simulate  min_queries = 150 }
          capacity { hardware.tp = [1] }
        }
        """);

    [Fact]
    public void A_capacity_cell_prunes_as_the_planner_does_and_an_unpruned_one_searches()
    {
        var cell = CapacityCells.Compile(Hand).Cells.Should().ContainSingle().Subject;
        cell.Kind.Should().Be(CellKind.CapacityCandidate);
        var pruned = CellRunner.Run(cell).Result;
        var searched = CellRunner.Run(CapacityCells.Compile(Hand, new CapacityOptions(Prune: false)).Cells[0]).Result;

        pruned.Succeeded.Should().BeTrue();
        pruned.Candidate!.Outcome.Should().Be(CandidateOutcome.Pruned);
        pruned.Candidate.Should().Be(CapacityPlanner.Evaluate(Hand, 0));
        searched.Candidate!.Outcome.Should().Be(CandidateOutcome.Searched);
        searched.Candidate.Probes.Should().BePositive();
    }

    [Fact]
    public void A_cell_that_is_not_a_candidate_of_its_file_is_an_error_value()
    {
        var cell = CapacityCells.Compile(Hand).Cells[0] with { Index = 1 };
        var result = CellRunner.Run(cell).Result;

        result.Succeeded.Should().BeFalse();
        result.Candidate.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Be("cell 1 is not a capacity candidate of hand.pipe (1 candidates)");
    }

    [Fact]
    public void A_file_without_a_capacity_block_has_no_capacity_cells()
    {
        var plain = new Core.Text.SourceText("plain.pipe", Hand.Content.Replace("  capacity { hardware.tp = [1] }\n", "", StringComparison.Ordinal));
        var cells = CapacityCells.Compile(plain);
        cells.Compiled.Success.Should().BeTrue();
        cells.Cells.Should().BeEmpty();
    }

    [Fact]
    public async Task The_cells_merged_in_reverse_give_the_planners_csv_under_a_seed_override()
    {
        var options = new CapacityOptions(Seed: 42);
        var cells = CapacityCells.Compile(CapacityTexts.Small, options);
        var results = new List<CellResult>();
        await foreach (var result in new LocalCellExecutor().RunAsync(cells.Cells)) results.Add(result);
        results.Reverse();

        Csv(CapacityCells.Report(cells, results)).Should().Be(Csv(CapacityPlanner.Run(CapacityTexts.Small, options)));
        Csv(CapacityCells.Report(cells, results)).Should().NotBe(Csv(CapacityPlanner.Run(CapacityTexts.Small)), "the seed reaches the cells");
    }

    private static string Csv(CapacityReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CapacityCsv.Write(report, writer);
        return writer.ToString();
    }
}
