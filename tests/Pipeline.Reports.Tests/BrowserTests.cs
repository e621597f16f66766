using System.Text.RegularExpressions;
using Pipeline.Reports.Tests.TestData;
using SkiaSharp;

namespace Pipeline.Reports.Tests;

/// <summary>report.html opened in a real browser (headless Chromium): its tables and charts render, its console stays silent.</summary>
public sealed class BrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [ChromiumFact]
    public void The_run_page_renders_its_tables_and_inline_charts_in_chromium_without_console_messages()
    {
        HandBuilt.Report(_folder.Path);
        var url = new Uri(_folder.File(ReportFiles.Html)).AbsoluteUri;

        var (dom, log) = Chromium.Run(url, "--dump-dom");

        Chromium.ConsoleMessages(log).Should().BeEmpty();
        foreach (var table in new[] { "run", "throughput", "latency", "slo" }) dom.Should().Contain($"<table id=\"{table}\"");
        // The latency table's TTFT row, as the browser parsed it (mean, p50, p90, p99, max of 100..400 ms).
        Regex.Replace(dom, @"\s+", " ").Should().Contain("<td>TTFT</td><td>4</td><td>250.00</td><td>250.00</td><td>370.00</td><td>397.00</td><td>400.00</td>");
        Regex.Matches(dom, "<figure id=\"chart-[a-z]+\">\\s*<svg").Count.Should().Be(2);
        dom.Should().NotContain("<script").And.NotContain("<link").And.NotContain("<img").And.NotContain(" src=");
    }

    [ChromiumFact]
    public void The_run_page_screenshot_shows_drawn_content()
    {
        HandBuilt.Report(_folder.Path);
        var shot = _folder.File("screenshot.png");

        Chromium.Run(new Uri(_folder.File(ReportFiles.Html)).AbsoluteUri, $"--screenshot={shot}", "--window-size=1200,2400", "--hide-scrollbars");

        using var bitmap = SKBitmap.Decode(shot);
        bitmap.Should().NotBeNull("chromium wrote a PNG");
        var (dark, red) = (0, 0);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Red < 100 && p.Green < 100 && p.Blue < 100) dark++;
                if (p.Red > 150 && p.Red > p.Green + 60 && p.Red > p.Blue + 60) red++;
            }
        }
        dark.Should().BeGreaterThan(2_000, "text, table borders and chart axes are drawn");
        red.Should().BeGreaterThan(750, "each chart draws about 500 red pixels (its dashed limit line and legend key), and both charts are on the page");
    }

    [ChromiumFact]
    public void A_page_that_logs_to_its_console_is_caught()
    {
        var page = _folder.File("broken.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><script>console.error('broken'); missing();</script></body></html>");

        var (_, log) = Chromium.Run(new Uri(page).AbsoluteUri, "--dump-dom");

        Chromium.ConsoleMessages(log).Should().HaveCount(2);
    }

    public void Dispose() => _folder.Dispose();
}
