using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;
using Pipeline.Core.Text;
using Pipeline.Plans.Catalog;
using Pipeline.Plans.Tests;

namespace Pipeline.Calibration.Tests;

public sealed class CostBandsTests
{
    private static PublishedResult Row(int line, string scenario, double? tpotP99) =>
        new(line, "v4.1", "NVIDIA", "sys", "NVIDIA H200", 8, scenario, 30000, tpotP99 is null ? null : 0.5, tpotP99, 100, "fp8", 1, 896, "TensorRT");

    private static RowPrediction Tpot(double p99) => new(30000, 0.4, p99, 100);

    [Fact]
    public void Efficiencies_scale_where_set_and_from_the_family_where_not()
    {
        var family = CostFamilies.NvidiaHopper with { GemmEfficiency = 0.8, KvReadEfficiency = 0.4 };
        // 0.5 x 1.05 = 0.525; the family's kv_read 0.4 x 1.05 = 0.42.
        DeviceEfficiencies.Scale(["gemm_efficiency = 0.5", "link_latency = 9 us"], family, 1.05)
            .Should().Equal("gemm_efficiency = 0.525", "link_latency = 9 us", "kv_read_efficiency = 0.42");
        FluentActions.Invoking(() => DeviceEfficiencies.Scale([], family, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => DeviceEfficiencies.Scale([], family, double.PositiveInfinity)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_band_contains_the_published_p99_between_its_ends_inclusive_and_measures_its_width_against_it()
    {
        var inside = new CostBand(Row(3, "Server", 0.150), Tpot(0.180), Tpot(0.140), Tpot(0.120), null);
        inside.ContainsPublishedTpot.Should().BeTrue();
        // (180 - 120) / 150.
        inside.RelativeWidth.Should().BeApproximately(0.4, 1e-12);
        (inside with { Cheaper = Tpot(0.150) }).ContainsPublishedTpot.Should().BeTrue("the ends count");
        (inside with { Dearer = Tpot(0.149) }).ContainsPublishedTpot.Should().BeFalse();
        (inside with { Row = Row(3, "Server", null) }).ContainsPublishedTpot.Should().BeNull();
        new CostBand(Row(5, "Server", 0.150), null, null, null, "skipped").RelativeWidth.Should().BeNull();
    }

    [Fact]
    public void The_band_table_layout_matches_its_snapshot()
    {
        IReadOnlyList<CostBand> bands =
        [
            new(Row(3, "Server", 0.150), Tpot(0.180), Tpot(0.140), Tpot(0.120), null),
            new(Row(5, "Server", 0.200), Tpot(0.150), Tpot(0.130), Tpot(0.110), null),
            new(Row(7, "Server", 0.150), null, null, null, "the catalogue has no accelerator for 'Intel Gaudi 2'"),
        ];
        var text = ResultsFidelityText.RenderCostBands(bands, 0.03);
        // Widths 40% and 20%: the median of two is the lower.
        text.Should().Contain("published p99 TPOT inside the band on 1 of 2 rows; band width median 20.0%, widest 40.0% of the published p99");
        SnapshotGuard.Match(text, "txt");
    }

    [Fact]
    public void A_dearer_step_predicts_a_longer_p99_tpot_and_only_server_rows_get_a_band()
    {
        // Line 3 (8x H200 at 101 queries/s) and its Offline line 2, for 60 s of arrivals: three Server runs of ~6,000 queries.
        var (rows, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.tsv")));
        var length = ServerRunLength.RuleMinimum with { Seconds = 60 };
        var comparisons = ResultsFidelity.Compare(rows.Where(r => r.Line is 2 or 3).ToArray(), MlperfWorkload.Assumed, length: length);

        var band = CostBands.Compute(comparisons, MlperfWorkload.Assumed, 0.05, length: length).Should().ContainSingle().Subject;

        band.Row.Line.Should().Be(3);
        band.Predicted.Should().Be(comparisons.Single(c => c.Row.Line == 3).Prediction);
        band.Dearer!.TpotP99.Should().BeGreaterThan(band.Predicted!.TpotP99);
        band.Predicted.TpotP99.Should().BeGreaterThan(band.Cheaper!.TpotP99);
        FluentActions.Invoking(() => CostBands.Compute(comparisons, MlperfWorkload.Assumed, 0.11)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
