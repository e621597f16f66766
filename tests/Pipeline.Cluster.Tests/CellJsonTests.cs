using System.Text;
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
    public void A_result_with_report_files_crosses_the_wire_gzipped_byte_for_byte()
    {
        var trace = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"ph\":\"X\",\"ts\":12.5},", 20_000)));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0x10];
        var result = new CellResult(2, 7, [], null, [], [], Files: [new("trace.json", trace), new("ttft.png", png)]);

        var packed = CellJson.Pack(result);
        var back = CellJson.Unpack(packed);

        back.Files!.Select(f => f.Name).Should().Equal("trace.json", "ttft.png");
        back.Files![0].Content.Should().Equal(trace);
        back.Files![1].Content.Should().Equal(png);
        packed.Length.Should().BeLessThan(trace.Length / 10, "a trace is repetitive text");
    }

    [Fact]
    public void A_result_whose_files_are_too_large_to_carry_comes_back_without_them_and_says_why()
    {
        var noise = new byte[4096];
        new Random(1).NextBytes(noise); // incompressible
        var result = new CellResult(5, 7, [], null, [], [], Files: [new("trace.json", noise)]);

        var back = CellJson.Unpack(CellJson.Pack(result, maxBytes: 1024));

        back.Files.Should().BeNull();
        back.Succeeded.Should().BeFalse();
        back.Errors.Should().ContainSingle().Which.Should().StartWith("cell 5: its report files are ").And.Contain(" MB compressed, over the ")
            .And.EndWith("run it with --cluster none, or without --out");
        CellJson.Unpack(CellJson.Pack(result, maxBytes: 8192)).Files.Should().ContainSingle("under the limit the files travel");
    }

    [Fact]
    public void A_cell_crosses_the_wire_with_its_imports()
    {
        var cell = new ExperimentCell("/x/a.pipe", "experiment a { }", [new("/x/b.pipe", "model m { }")], 3, null, CellKind.PeakSearch);

        var back = CellJson.ReadCell(CellJson.Write(cell));

        back.Files.Should().Equal(cell.Files);
        back.ReadFile("/x/b.pipe").Should().Be("model m { }");
        back.ReadFile("/x/c.pipe").Should().BeNull();
        (back with { Files = cell.Files }).Should().Be(cell);
    }
}
