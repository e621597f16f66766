using Pipeline.Core.Text;
using Pipeline.Language.Parsing;
using Pipeline.Language.Syntax;

namespace Pipeline.Language.Tests;

public sealed class ParserTests
{
    private static ParseResult Parse(string text) => ExperimentParser.Parse(new SourceText("test.pipe", text));

    [Fact]
    public void Parses_settings_several_to_a_line()
    {
        var result = Parse("experiment x { model m { layers = 2   hidden = 64 heads = 4 } }");
        result.Diagnostics.Should().BeEmpty();
        var model = (BlockSyntax)result.Document.Blocks.Single().Statements.Single();
        model.Name!.Text.Should().Be("m");
        model.Statements.Cast<SettingSyntax>().Select(s => s.Key.Text).Should().Equal("layers", "hidden", "heads");
    }

    [Fact]
    public void Numbers_carry_their_units_and_spans()
    {
        var result = Parse("experiment x { batching { max_wait = 50 ms } }");
        var setting = (SettingSyntax)((BlockSyntax)result.Document.Blocks.Single().Statements.Single()).Statements.Single();
        var number = (NumberSyntax)setting.Value;
        number.Value.Should().Be(50);
        number.Unit!.Text.Should().Be("ms");
        result.Document.Source.Content.Substring(number.Span.Start, number.Span.Length).Should().Be("50 ms");
        result.Document.Source.Content.Substring(setting.Span.Start, setting.Span.Length).Should().Be("max_wait = 50 ms");
    }

    [Fact]
    public void Parses_calls_with_named_and_positional_arguments_and_modifiers()
    {
        var result = Parse("experiment x { workload { arrivals = poisson(rate: 4 req/s)  prompt = normal(100 tok, 20 tok) clamp(1 tok, 200 tok) } }");
        result.Diagnostics.Should().BeEmpty();
        var workload = (BlockSyntax)result.Document.Blocks.Single().Statements.Single();
        var arrivals = (CallSyntax)((SettingSyntax)workload.Statements[0]).Value;
        arrivals.Function.Text.Should().Be("poisson");
        arrivals.Arguments.Single().Name!.Text.Should().Be("rate");
        var prompt = (ModifiedSyntax)((SettingSyntax)workload.Statements[1]).Value;
        ((CallSyntax)prompt.Value).Arguments.Should().HaveCount(2);
        prompt.Modifier.Function.Text.Should().Be("clamp");
    }

    [Fact]
    public void Parses_slo_limits_and_sweep_ranges_and_lists()
    {
        var result = Parse("experiment x { slo { ttft p99.9 <= 2 s } sweep { workload.arrivals.rate = 1 req/s .. 16 req/s step 3 req/s  batching.max_batch = [1, 4] } }");
        result.Diagnostics.Should().BeEmpty();
        var blocks = result.Document.Blocks.Single().Statements.Cast<BlockSyntax>().ToArray();
        var limit = (SettingSyntax)blocks[0].Statements.Single();
        limit.Operator.Should().Be(SettingOperator.AtMost);
        limit.Qualifiers.Single().Text.Should().Be("p99.9");
        var range = (RangeSyntax)((SettingSyntax)blocks[1].Statements[0]).Value;
        ((NumberSyntax)range.Step!).Value.Should().Be(3);
        ((SettingSyntax)blocks[1].Statements[0]).Key.Text.Should().Be("workload.arrivals.rate");
        ((ListSyntax)((SettingSyntax)blocks[1].Statements[1]).Value).Items.Should().HaveCount(2);
    }

    [Fact]
    public void A_name_after_a_number_starts_the_next_setting_not_a_unit()
    {
        var result = Parse("experiment x { m { layers = 2 hidden = 64 } }");
        var block = (BlockSyntax)result.Document.Blocks.Single().Statements.Single();
        ((NumberSyntax)((SettingSyntax)block.Statements[0]).Value).Unit.Should().BeNull();
    }

    [Fact]
    public void An_unknown_word_at_the_end_of_a_line_is_a_unit()
    {
        var result = Parse("experiment x { b { max_wait = 5 msec\n } }");
        var block = (BlockSyntax)result.Document.Blocks.Single().Statements.Single();
        ((NumberSyntax)((SettingSyntax)block.Statements[0]).Value).Unit!.Text.Should().Be("msec");
    }

    [Fact]
    public void A_block_comment_between_a_number_and_its_unit_keeps_the_unit()
    {
        var result = Parse("experiment x { b { max_batched_tokens = 512 /* per step */ /* more */ tok  max_batch = 8 } }");
        result.Diagnostics.Should().BeEmpty();
        var settings = ((BlockSyntax)result.Document.Blocks.Single().Statements.Single()).Statements.Cast<SettingSyntax>().ToArray();
        settings.Select(s => s.Key.Text).Should().Equal("max_batched_tokens", "max_batch");
        var number = (NumberSyntax)settings[0].Value;
        (number.Value, number.Unit!.Text).Should().Be((512, "tok"));
    }

    [Fact]
    public void A_comment_that_crosses_a_line_ends_the_number_before_its_unit()
    {
        var result = Parse("experiment x { b { max_wait = 5 /* runs on\n */ ms } }");
        var block = (BlockSyntax)result.Document.Blocks.Single().Statements.Single();
        ((NumberSyntax)((SettingSyntax)block.Statements[0]).Value).Unit.Should().BeNull("a unit is on its number's line");
    }

    [Fact]
    public void Recovers_after_errors_and_reports_each()
    {
        var result = Parse("experiment x {\n  batching { max_batch 8\n  policy = static }\n  workload { requests = @ }\n  slo { ttft p99 <= 2 s }\n}\n");
        result.Diagnostics.Select(d => (d.Code, d.Location.Line)).Should().Equal(("PL0001", 2), ("PL0001", 4));
        var experiment = result.Document.Blocks.Single();
        experiment.Statements.OfType<BlockSyntax>().Select(b => b.Keyword.Text).Should().Equal("batching", "workload", "slo");
        ((BlockSyntax)experiment.Statements[0]).Statements.OfType<SettingSyntax>().Single().Key.Text.Should().Be("policy");
    }

    [Fact]
    public void Reports_a_missing_closing_brace_at_the_block_keyword()
    {
        var result = Parse("experiment x {\n  batching { max_batch = 8\n");
        result.Diagnostics.Select(d => d.Code).Should().Equal("PL0004", "PL0004");
        result.Diagnostics[1].Message.Should().Contain("batching");
    }

    [Theory]
    [InlineData("experiment x { a = \"abc }", "PL0002")]
    [InlineData("experiment x { } /* never closed", "PL0003")]
    [InlineData("experiment x { } }", "PL0005")]
    [InlineData("experiment x { a = 1e999 }", "PL0007")]
    public void Reports_lexical_errors(string text, string code)
    {
        Parse(text).Diagnostics.Select(d => d.Code).Should().Contain(code);
    }

    [Fact]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var text = "experiment x { a = " + new string('[', 10_000) + " }";
        Parse(text).Diagnostics.Select(d => d.Code).Should().Equal("PL0006");
    }

    [Fact]
    public void Every_example_parses_without_diagnostics()
    {
        foreach (var path in RepositoryPaths.PipeFiles())
        {
            var result = ExperimentParser.Parse(SourceText.FromFile(path));
            result.Diagnostics.Should().BeEmpty(path);
        }
    }

    [Fact]
    public void Every_name_and_argument_span_covers_exactly_its_text()
    {
        var text = "experiment   x {\n  model   lama-2-7b\n  flops   bf16 = 1 TFLOPS\n  w = f(  a,   rate:  4 req/s)\n}\n";
        var result = Parse(text);
        string At(Pipeline.Core.Text.TextSpan span) => text.Substring(span.Start, span.Length);
        var experiment = result.Document.Blocks.Single();
        At(experiment.Name!.Span).Should().Be("x");
        At(((BlockSyntax)experiment.Statements[0]).Name!.Span).Should().Be("lama-2-7b");
        At(((SettingSyntax)experiment.Statements[1]).Qualifiers.Single().Span).Should().Be("bf16");
        var call = (CallSyntax)((SettingSyntax)experiment.Statements[2]).Value;
        call.Arguments.Select(a => At(a.Span)).Should().Equal("a", "rate:  4 req/s");
        At(call.Arguments[1].Name!.Span).Should().Be("rate");
    }

    [Fact]
    public void Qualifiers_stay_on_the_line_of_their_key()
    {
        var result = Parse("experiment x {\n  model llama-2-70b\n  ttft p99 <= 2 s\n}\n");
        result.Diagnostics.Should().BeEmpty();
        result.Document.Blocks.Single().Statements.Select(s => s.GetType().Name).Should().Equal("BlockSyntax", "SettingSyntax");
    }
}
