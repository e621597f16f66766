using System.Xml.Linq;
using Pipeline.Reports.Internal;
using Pipeline.Reports.Tests.TestData;

namespace Pipeline.Reports.Tests;

public sealed class ChartTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("ttft")]
    [InlineData("tpot")]
    public void Each_distribution_chart_is_a_non_empty_png_and_a_valid_svg(string name)
    {
        HandBuilt.Report(_folder.Path);

        AssertPng(_folder.File(name + ".png"));
        AssertSvg(_folder.File(name + ".svg"));
    }

    [Fact]
    public void The_distribution_chart_draws_the_slo_limit()
    {
        HandBuilt.Report(_folder.Path);

        // The legend names the TPOT limit (150 ms) that the hand-built run's TPOT p99 misses.
        File.ReadAllText(_folder.File("tpot.svg")).Should().Contain("limit p99 150 ms");
    }

    [Fact]
    public void A_distribution_of_many_requests_is_drawn_from_at_most_a_thousand_points_so_the_page_stays_small()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();

        var chart = Charts.Save(Charts.Cdf(values, "TTFT", []), _folder.Path, "many");

        // 100,000 drawn points made a 3 MB SVG; a thousand make a few tens of kilobytes.
        chart.Svg.Length.Should().BeLessThan(200_000);
        AssertSvg(_folder.File("many.svg"));
    }

    internal static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes.Take(8).Should().Equal(PngSignature);
        bytes.Length.Should().BeGreaterThan(5_000, "a drawn chart, not an empty image");
    }

    internal static void AssertSvg(string path)
    {
        var svg = XDocument.Load(path);
        svg.Root!.Name.LocalName.Should().Be("svg");
        svg.Descendants().Count().Should().BeGreaterThan(20, "axes, ticks, a curve and a legend");
    }

    public void Dispose() => _folder.Dispose();
}
