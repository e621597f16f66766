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

    [Fact]
    public void The_same_chart_saved_twice_in_one_process_is_the_same_svg_with_ids_named_after_the_chart()
    {
        double[] values = [1, 2, 3, 5, 8, 13];

        var first = Charts.Save(Charts.Cdf(values, "TTFT", [(4, "limit")]), _folder.Path, "first");
        var firstSvg = File.ReadAllText(_folder.File("first.svg"));
        var second = Charts.Save(Charts.Cdf(values, "TTFT", [(4, "limit")]), _folder.Path, "first");

        // ScottPlot's clip-path counter ran on between the two; the saved files no longer show it.
        File.ReadAllText(_folder.File("first.svg")).Should().Be(firstSvg);
        second.Svg.Should().Be(first.Svg);
        var ids = XDocument.Parse(firstSvg).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToArray();
        ids.Should().NotBeEmpty().And.OnlyContain(id => id.StartsWith("cl-first-", StringComparison.Ordinal)).And.OnlyHaveUniqueItems();
        foreach (var id in ids) firstSvg.Should().Contain($"url(#{id})", "every renamed clip path is still referenced");
    }

    [Fact]
    public void Stable_ids_renumber_clip_paths_in_order_of_first_appearance_and_leave_other_text_alone()
    {
        const string svg = """<clipPath id="cl_1c"/><g clip-path="url(#cl_1c)"/><clipPath id="cl_9"/><g clip-path="url(#cl_9)"/><text>cl_9</text>""";

        Charts.StableIds(svg, "ttft").Should().Be(
            """<clipPath id="cl-ttft-1"/><g clip-path="url(#cl-ttft-1)"/><clipPath id="cl-ttft-2"/><g clip-path="url(#cl-ttft-2)"/><text>cl_9</text>""");
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
