using Pipeline.Core.Text;
using Pipeline.Language.Formatting;

namespace Pipeline.Language.Tests;

public sealed class FormatterTests
{
    private static string Format(string text) => ExperimentFormatter.Format(new SourceText("t.pipe", text)).Text!;

    [Fact]
    public void A_comment_between_a_number_and_its_unit_trails_the_setting_and_formatting_is_idempotent()
    {
        var once = Format("experiment x {\n  b {\n    max_batched_tokens = 512 /* per step */ tok\n  }\n}\n");
        once.Should().Be("experiment x {\n  b {\n    max_batched_tokens = 512 tok /* per step */\n  }\n}\n");
        Format(once).Should().Be(once);
    }

    [Fact]
    public void Puts_one_statement_per_line_with_two_space_indentation()
    {
        Format("experiment x { model m { layers = 2   hidden=64 } hardware{accelerator=local(auto)} }").Should().Be(
            "experiment x {\n  model m {\n    layers = 2\n    hidden = 64\n  }\n  hardware {\n    accelerator = local(auto)\n  }\n}\n");
    }

    [Fact]
    public void Keeps_comments_before_and_after_statements()
    {
        var text = "// head\nexperiment x { // opens\n  // about a\n  a = 1 // after a\n  b = [1,2] /* after b */\n  // dangling\n}\n// tail\n";
        Format(text).Should().Be(
            "// head\nexperiment x { // opens\n  // about a\n  a = 1 // after a\n  b = [1, 2] /* after b */\n  // dangling\n}\n// tail\n");
    }

    [Fact]
    public void Keeps_one_blank_line_where_the_source_has_several()
    {
        Format("experiment x {\n  a = 1\n\n\n  b = 2\n  c = 3\n}\n").Should().Be("experiment x {\n  a = 1\n\n  b = 2\n  c = 3\n}\n");
    }

    [Fact]
    public void Normalises_values()
    {
        Format("experiment x { w { p = normal( 1 tok,2 tok )  clamp(1 tok , 3 tok)  r = 1 req/s..16 req/s step 3 req/s  s = f(rate:4 req/s) } }")
            .Should().Contain("p = normal(1 tok, 2 tok) clamp(1 tok, 3 tok)\n").And.Contain("r = 1 req/s .. 16 req/s step 3 req/s\n").And.Contain("s = f(rate: 4 req/s)\n");
    }

    [Fact]
    public void Refuses_files_with_syntax_errors()
    {
        var result = ExperimentFormatter.Format(new SourceText("t.pipe", "experiment x { a = }"));
        result.Text.Should().BeNull();
        result.Diagnostics.Should().ContainSingle(d => d.Code == "PL0001");
    }

    [Fact]
    public void Formatting_every_example_twice_changes_nothing_the_second_time()
    {
        foreach (var path in RepositoryPaths.PipeFiles())
        {
            var once = ExperimentFormatter.Format(SourceText.FromFile(path)).Text;
            once.Should().NotBeNull(path);
            ExperimentFormatter.Format(new SourceText(path, once!)).Text.Should().Be(once, path);
        }
    }

    [Fact]
    public void Formatting_keeps_every_comment()
    {
        foreach (var path in RepositoryPaths.PipeFiles())
        {
            var source = SourceText.FromFile(path);
            var formatted = ExperimentFormatter.Format(source).Text!;
            var before = Parsing.ExperimentParser.Parse(source).Document.Comments.Select(c => c.Text);
            var after = Parsing.ExperimentParser.Parse(new SourceText(path, formatted)).Document.Comments.Select(c => c.Text);
            after.Should().Equal(before, path);
        }
    }
}
