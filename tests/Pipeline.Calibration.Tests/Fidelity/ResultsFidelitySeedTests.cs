using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class ResultsFidelitySeedTests
{
    // AMD's one-MI300X Server row: one replica at 8.6 queries/s, 3,000 queries of it (LoadGen's 270,336 would take minutes).
    private static readonly PublishedResult Row =
        new(17, "v4.1", "AMD", "1xMI300X", "AMD Instinct MI300X-NPS1-SPX-192GB-750W", 1, "Server", 2520.27, 0.785, 0.190, 8.6, "fp8", 1, 1024, "vLLM 0.4.3");

    private static readonly ServerRunLength Short = new(3000, 0);

    [Fact]
    public void The_seed_draws_another_sample_and_the_same_seed_the_same_prediction()
    {
        var first = ResultsFidelity.Compare([Row], MlperfWorkload.Assumed, seed: 1, length: Short).Single().Prediction!;
        var again = ResultsFidelity.Compare([Row], MlperfWorkload.Assumed, seed: 1, length: Short).Single().Prediction!;
        var other = ResultsFidelity.Compare([Row], MlperfWorkload.Assumed, seed: 2, length: Short).Single().Prediction!;

        again.Should().Be(first);
        other.TokensPerSecond.Should().NotBe(first.TokensPerSecond);
        // Another sample of the same system at the same rate: close, not equal.
        other.TokensPerSecond.Should().BeApproximately(first.TokensPerSecond, first.TokensPerSecond * 0.1);
    }

    [Fact]
    public void A_server_row_is_measured_as_loadgen_measures_it_over_the_whole_run()
    {
        // The same experiment run directly: tokens from the first query issued to the time the last query issued was
        // done (LoadGen's final_query_all_samples_done_time: the fill included, longer requests still running then not
        // waited for), percentiles over every query. A window that left out the fill would differ.
        var system = PublishedSystems.Map(Row).System!;
        var prediction = RowSimulator.Simulate(Row, system, MlperfWorkload.Assumed, [], length: Short);
        var run = Pipeline.Runner.ExperimentRunner.Run(RowSimulator.Compile(Row, RowExperiment.Text(Row, system, MlperfWorkload.Assumed, [], length: Short)));
        var m = run.Metrics;

        prediction.Completed.Should().Be(3000);
        var last = run.Timelines.MaxBy(t => (t.Arrival, t.Arrival + t.E2e!.Value))!;
        prediction.TokensPerSecond.Should().Be(m.OutputTokens / (last.Arrival + last.E2e!.Value - run.Timelines.Min(t => t.Arrival)));
        prediction.TokensPerSecond.Should().BeGreaterThan(m.OutputThroughput, "the drain after the last query issued is not counted");
        prediction.TpotP99.Should().Be(m.Tpot.P99);
        prediction.TtftMean.Should().Be(m.Ttft.Mean);
    }
}

