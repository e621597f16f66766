using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;
using Pipeline.Core.Text;
using Pipeline.Plans.Tests;

namespace Pipeline.Calibration.Tests;

public sealed class PublishedBatchTpotsTests
{
    private static IReadOnlyList<PublishedResult> Joined()
    {
        var (curated, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.tsv")));
        var (all, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.1-all-closed.tsv")));
        return PublishedMeans.Join(curated, all);
    }

    [Theory]
    [InlineData(450.6, 896, 451)]
    [InlineData(1100.0, 1024, 1024)] // more in flight than the engine batches: the rest waited
    [InlineData(0.2, 896, 1)]
    public void The_held_batch_is_the_queries_in_flight_rounded_within_the_engines_batch(double inFlight, int maxBatch, int held) =>
        PublishedBatchTpots.HeldBatch(inFlight, maxBatch).Should().Be(held);

    [Fact]
    public void Rows_without_means_or_whose_harness_gathers_arrivals_are_skipped_with_the_reason()
    {
        var rows = Joined().Where(r => r.Line is 12 or 13 or 28 or 36).ToArray();
        var runs = PublishedBatchTpots.Compute(rows, MlperfWorkload.Assumed);
        // Offline line 12 is not a Server row; nothing here is simulated.
        runs.Select(r => r.Row.Line).Should().Equal(13, 28, 36);
        runs.Should().OnlyContain(r => r.TpotMean == null && r.Error == null);
        runs[0].Skipped.Should().StartWith("arrivals gathered by the harness");
        runs[1].Skipped.Should().Be("no mean TTFT, mean TPOT and queries/s published");
        runs[2].Skipped.Should().StartWith("the catalogue has no accelerator");
    }

    [Fact]
    public void At_the_batch_nvidias_h200_held_the_step_costs_within_ten_per_cent_of_its_published_mean_tpot()
    {
        // Line 3: 100.35 queries/s, mean TTFT 198.3 ms and TPOT 123.3 ms over 291.3 tokens a query: 3,609 in flight,
        // 451 a GPU. The calibration fitted the run at the published rate, not this batch, so this is a check.
        var run = PublishedBatchTpots.Compute(Joined().Where(r => r.Line == 3).ToArray(), MlperfWorkload.Assumed).Single();
        run.Batch.Should().Be(451);
        run.Error.Should().NotBeNull().And.BeInRange(-0.10, 0.10);
    }

    [Fact]
    public void The_held_batch_table_layout_matches_its_snapshot()
    {
        var system = new SimulatedSystem("h200", null, 1, 8, 896, 4096, "policy = chunked", "TensorRT-LLM");
        var row = new PublishedResult(3, "v4.1", "NVIDIA", "sys", "NVIDIA H200", 8, "Server", 30000, 0.5, 0.15, 100, "fp8", 1, 896, "TensorRT")
            with { TpotMean = 0.125, TtftMean = 0.25, SamplesPerSecond = 100 };
        IReadOnlyList<PublishedBatchTpot> runs =
        [
            new(row, system, 470, 0.1125, null),
            new(row with { Line = 5, TpotMean = null }, system, null, null, "no mean TTFT, mean TPOT and queries/s published"),
        ];
        runs[0].Error.Should().BeApproximately(-0.10, 1e-12);
        var text = ResultsFidelityText.RenderPublishedBatchTpots(runs);
        text.Should().Contain("rows run 1 of 2; within 5%: 0, within 10%: 1; mean |error| 10.0%, worst 10.0%");
        SnapshotGuard.Match(text, "txt");
    }
}
