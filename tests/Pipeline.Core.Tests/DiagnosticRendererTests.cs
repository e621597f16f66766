using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Core.Tests;

public sealed class DiagnosticRendererTests
{
    [Fact]
    public void Renders_location_source_line_carets_and_hint()
    {
        var source = new SourceText("x.pipe", "batching {\n  max_btch = 32\n}\n");
        var diagnostic = new Diagnostic("PL0102", DiagnosticSeverity.Error, "unknown setting `max_btch` in batching",
            source, new TextSpan(13, 8), "did you mean `max_batch`?");

        var text = DiagnosticRenderer.Render(diagnostic);

        text.Should().Be(
            "x.pipe:2:3: error PL0102: unknown setting `max_btch` in batching\n" +
            " 2 |   max_btch = 32\n" +
            "   |   ^^^^^^^^\n" +
            "   = hint: did you mean `max_batch`?\n");
    }

    [Fact]
    public void A_span_running_past_the_line_is_cut_at_the_line_end_and_an_empty_span_gets_one_caret()
    {
        var source = new SourceText("x.pipe", "ab\ncd");
        var longSpan = new Diagnostic("PL0001", DiagnosticSeverity.Warning, "m", source, new TextSpan(1, 10));
        var emptySpan = new Diagnostic("PL0001", DiagnosticSeverity.Error, "m", source, new TextSpan(5, 0));

        DiagnosticRenderer.Render(longSpan).Should().Contain(" |  ^\n").And.Contain("warning PL0001");
        DiagnosticRenderer.Render(emptySpan).Should().StartWith("x.pipe:2:3: error").And.Contain(" |   ^\n");
    }

    [Fact]
    public void Bag_reports_errors_and_sorts_by_position()
    {
        var source = new SourceText("x.pipe", "abcdef");
        var bag = new DiagnosticBag
        {
            new Diagnostic("PL0002", DiagnosticSeverity.Error, "second", source, new TextSpan(4, 1)),
            new Diagnostic("PL0001", DiagnosticSeverity.Warning, "first", source, new TextSpan(1, 1)),
        };

        bag.HasErrors.Should().BeTrue();
        bag.Sorted().Select(d => d.Message).Should().Equal("first", "second");
    }
}

public sealed class DiagnosticRendererLongLineTests
{
    [Fact]
    public void A_long_line_is_cut_to_a_window_around_the_caret_and_the_caret_stays_under_its_text()
    {
        var line = new string('a', 500) + "BAD" + new string('b', 500);
        var source = new SourceText("x.pipe", line);
        var diagnostic = new Diagnostic("PL0001", DiagnosticSeverity.Error, "m", source, new TextSpan(500, 3));

        var rendered = DiagnosticRenderer.Render(diagnostic).Split('\n');

        rendered[1].Length.Should().BeLessThan(DiagnosticRenderer.MaxLineWidth + 10);
        rendered[1].Should().StartWith(" 1 | …").And.EndWith("…");
        rendered[2].IndexOf('^').Should().Be(rendered[1].IndexOf("BAD", StringComparison.Ordinal));
        rendered[2].Count(c => c == '^').Should().Be(3);
    }

    [Fact]
    public void Control_characters_from_a_binary_file_are_shown_as_replacement_characters()
    {
        var source = new SourceText("x.pipe", "a\u0007b\u001bc");
        var diagnostic = new Diagnostic("PL0001", DiagnosticSeverity.Error, "m", source, new TextSpan(1, 1));

        var rendered = DiagnosticRenderer.Render(diagnostic);

        rendered.Should().NotContain("\u0007").And.NotContain("\u001b").And.Contain("a\uFFFDb\uFFFDc");
    }

    [Fact]
    public void An_emoji_is_printed_as_itself_and_the_caret_counts_it_two_columns_wide()
    {
        // "🚀" is one character of two UTF-16 units, drawn two columns wide by terminals.
        var source = new SourceText("x.pipe", "a = \"\U0001F680\"  max_btch = 1");
        var after = new Diagnostic("PL0102", DiagnosticSeverity.Error, "m", source, new TextSpan(10, 8));
        var on = new Diagnostic("PL0001", DiagnosticSeverity.Error, "m", source, new TextSpan(5, 2));

        var afterLines = DiagnosticRenderer.Render(after).Split('\n');
        var onLines = DiagnosticRenderer.Render(on).Split('\n');

        afterLines[1].Should().Be(" 1 | a = \"\U0001F680\"  max_btch = 1");
        afterLines[2].Should().Be("   | " + new string(' ', 10) + "^^^^^^^^", "a, space, =, space, quote (5), the emoji (2), quote and two spaces (3) come first");
        onLines[2].Should().Be("   | " + new string(' ', 5) + "^^", "two carets under the two-column emoji");
    }
}

