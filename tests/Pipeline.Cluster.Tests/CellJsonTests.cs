using Pipeline.Cluster.Internal;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Tests;

public sealed class CellJsonTests
{
    [Fact]
    public void A_result_crosses_the_wire_bit_for_bit_including_nan_and_missing_values()
    {
        var figures = new CellFigures(null, 3, 0.1 + 0.2, 1.0 / 3.0, double.Epsilon, double.NaN, double.PositiveInfinity, null, false);
        var result = new CellResult(4, 9, [new("workload.arrivals.rate", 2.5e-7), new("batching.max_batch", 64)], figures,
            ["early stopping: 0 of 10 queries"], [], new CellPeak(false, 0.0009765625, null, "no VALID rate", 12));

        var back = CellJson.ReadResult(CellJson.Write(result));

        back.Figures.Should().Be(figures); // record equality compares every double bit-exactly (NaN equals NaN there)
        BitConverter.DoubleToInt64Bits(back.Figures!.RequestThroughput).Should().Be(BitConverter.DoubleToInt64Bits(0.1 + 0.2));
        back.Swept.Should().Equal(result.Swept);
        back.InvalidReasons.Should().Equal(result.InvalidReasons);
        back.Peak.Should().Be(result.Peak);
        (back with { Swept = result.Swept, InvalidReasons = result.InvalidReasons, Errors = result.Errors }).Should().Be(result);
    }

    [Fact]
    public void A_cell_crosses_the_wire_with_its_imports()
    {
        var cell = new ExperimentCell("/x/a.pipe", "experiment a { }", [new("/x/b.pipe", "model m { }")], 3, null, CellKind.PeakSearch);

        var back = CellJson.ReadCell(CellJson.Write(cell));

        back.Imports.Should().Equal(cell.Imports);
        back.ReadImport("/x/b.pipe").Should().Be("model m { }");
        back.ReadImport("/x/c.pipe").Should().BeNull();
        (back with { Imports = cell.Imports }).Should().Be(cell);
    }
}
