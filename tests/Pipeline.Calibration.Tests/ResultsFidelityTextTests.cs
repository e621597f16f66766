using Pipeline.Plans.Tests;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Tests;

public sealed class ResultsFidelityTextTests
{
    private static readonly SimulatedSystem H200 = new("h200", null, 1, 8, 806, 4096, "policy = chunked", "TensorRT-LLM");
    private static readonly SimulatedSystem H100 = new("h100-sxm", null, 2, 4, 896, 4096, "policy = chunked", "TensorRT-LLM");

    private static PublishedResult Row(int line, string accelerator, string scenario, double tokens, double? tpot = null) =>
        new(line, "v4.1", "NVIDIA", "sys-" + accelerator, accelerator, 8, scenario, tokens, tpot is null ? null : 0.5, tpot, 100, "fp8", 1, 806, "TensorRT");

    // Hand-built: H200 Offline predicted 10% high, Server 5% low with p99 and mean TPOT 20% low (and 400 queries in flight
    // per replica); H100 Offline exact, Server 10% low.
    private static IReadOnlyList<ResultComparison> Comparisons() =>
    [
        new(Row(2, "NVIDIA H200", "Offline", 32000), H200, new RowPrediction(35200, 0, 0, 100), null),
        new(Row(3, "NVIDIA H200", "Server", 30000, 0.150) with { TpotMean = 0.125, TtftMean = 0.25, SamplesPerSecond = 100 }, H200,
            new RowPrediction(28500, 0.4, 0.120, 100, 0.2, 0.100, 400), null),
        new(Row(4, "NVIDIA H100", "Offline", 24000), H100, new RowPrediction(24000, 0, 0, 100), null),
        new(Row(5, "NVIDIA H100", "Server", 20000, 0.175), H100, new RowPrediction(18000, 0.3, 0.175, 100), null),
        new(Row(6, "Intel Gaudi 2", "Offline", 8000), null, null, "the catalogue has no accelerator for 'Intel Gaudi 2'"),
    ];

    [Fact]
    public void Errors_are_prediction_over_published_minus_one()
    {
        var c = Comparisons();
        c[0].TokensError.Should().BeApproximately(0.10, 1e-12);
        c[1].TokensError.Should().BeApproximately(-0.05, 1e-12);
        c[1].TpotError.Should().BeApproximately(-0.20, 1e-12);
        c[1].TpotMeanError.Should().BeApproximately(-0.20, 1e-12);
        c[1].TtftMeanError.Should().BeApproximately(-0.20, 1e-12);
        c[3].TpotMeanError.Should().BeNull("no mean published");
        // 100 queries/s, each 0.25 s to its first token and 299 more tokens at 0.125 s: 3,762.5 in flight over 8 replicas.
        c[1].PublishedInFlightPerReplica.Should().BeApproximately(3762.5 / 8, 1e-9);
        c[3].PublishedInFlightPerReplica.Should().BeNull("no means published");
        c[0].PublishedInFlightPerReplica.Should().BeNull("an Offline row");
        c[4].TokensError.Should().BeNull();
    }

    [Fact]
    public void Ratios_compare_per_accelerator_speed_and_server_against_offline()
    {
        var ratios = FidelityRatios.Compute(Comparisons()).ToDictionary(r => r.Name);
        // Per accelerator (both 8 GPUs): published 32000/24000, predicted 35200/24000.
        var offline = ratios["v4.1 Offline per accelerator: h200 / h100-sxm"];
        offline.Published.Should().BeApproximately(32000.0 / 24000, 1e-12);
        offline.Predicted.Should().BeApproximately(35200.0 / 24000, 1e-12);
        // Server / Offline of the H200 system: published 30000/32000, predicted 28500/35200.
        var share = ratios["v4.1 NVIDIA 8x h200: Server / Offline"];
        (share.Published, share.Predicted).Should().Be((30000.0 / 32000, 28500.0 / 35200));
    }

    [Fact]
    public void The_summary_counts_the_rows_within_each_target_inclusive()
    {
        // By hand: Offline +10% and 0% (both within 10%); Server tok/s -5% and -10%; p99 TPOT -20% (on the limit) and 0%;
        // the H200 Server/Offline ratio 0.81 / 0.938 is -13.6%, the other three within 10%; the one published mean TPOT
        // and TTFT are 20% low.
        ResultsFidelityText.Render(Comparisons()).Should().Contain(
            "within target: Offline tok/s (10%) 2 of 2, Server tok/s (15%) 2 of 2, p99 TPOT (20%) 2 of 2, ratios (10%) 3 of 4; mean TPOT (10%) 0 of 1, mean TTFT (10%) 0 of 1");
    }

    [Fact]
    public void The_table_layout_matches_its_snapshot() =>
        SnapshotGuard.Match(ResultsFidelityText.Render(Comparisons()), "txt");

    // Hand-built: line 3 found 10% high (110 of 100 qps), line 5 4% low (96 of 100), the Gaudi row skipped.
    private static IReadOnlyList<MatchedRate> Rates() =>
    [
        new(Row(3, "NVIDIA H200", "Server", 30000, 0.150), H200, 110, 112, "TPOT", null),
        new(Row(5, "NVIDIA H100", "Server", 20000, 0.175), H100, 96, 97.5, "TTFT and TPOT", null),
        new(Row(6, "Intel Gaudi 2", "Server", 8000, 0.2), null, null, null, null, "the catalogue has no accelerator for 'Intel Gaudi 2'"),
    ];

    [Fact]
    public void A_matched_rates_error_is_the_rate_found_over_the_published_rate_minus_one()
    {
        var rates = Rates();
        rates[0].Error.Should().BeApproximately(0.10, 1e-12);
        rates[1].Error.Should().BeApproximately(-0.04, 1e-12);
        rates[2].Error.Should().BeNull();
        ResultsFidelityText.RenderMatchedRates(rates).Should().Contain("rates found 2 of 3; within 5%: 1, within 10%: 2; mean |error| 7.0%, worst 10.0%");
    }

    [Fact]
    public void The_matched_rate_table_layout_matches_its_snapshot() =>
        SnapshotGuard.Match(ResultsFidelityText.RenderMatchedRates(Rates()), "txt");
}
