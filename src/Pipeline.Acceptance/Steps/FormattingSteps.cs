using Pipeline.Acceptance.Drivers;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Language.Formatting;
using Pipeline.Plans.Rendering;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>Steps about <c>pipeline fmt</c>: the canonical layout is stable and never changes what a file means.</summary>
[Binding]
public sealed class FormattingSteps(ExperimentDriver experiment)
{
    private FormatResult? _formatted;

    /// <summary><c>When it is formatted</c>.</summary>
    [When("it is formatted")]
    public void WhenItIsFormatted() => _formatted = ExperimentFormatter.Format(Source);

    /// <summary><c>Then formatting it again changes nothing</c>: the layout is a fixed point.</summary>
    [Then("formatting it again changes nothing")]
    public void ThenFormattingAgainChangesNothing()
    {
        var once = Formatted();
        var twice = ExperimentFormatter.Format(new SourceText(Source.Path, once)).Text;
        twice.Should().Be(once, "a formatted file is already in the canonical layout");
    }

    /// <summary><c>Then the formatted file compiles to the same plan</c>: formatting only moves whitespace and comments.</summary>
    [Then("the formatted file compiles to the same plan")]
    public void ThenTheFormattedFileCompilesToTheSamePlan()
    {
        var original = experiment.Compile();
        var formatted = ExperimentCompiler.Compile(new SourceText(Source.Path, Formatted()));
        original.Success.Should().BeTrue(string.Join(Environment.NewLine, original.Errors.Select(d => d.ToString())));
        formatted.Success.Should().BeTrue(string.Join(Environment.NewLine, formatted.Errors.Select(d => d.ToString())));
        PlanTextRenderer.Render(formatted.Plan!).Should().Be(PlanTextRenderer.Render(original.Plan!));
    }

    /// <summary><c>Then the formatted file keeps every comment</c>.</summary>
    [Then("the formatted file keeps every comment")]
    public void ThenTheFormattedFileKeepsEveryComment()
    {
        var text = Formatted();
        var comments = Source.Content.Split('\n')
            .Select(line => line.IndexOf("//", StringComparison.Ordinal) is var i and >= 0 ? line[(i + 2)..].Trim() : null)
            .Where(c => !string.IsNullOrEmpty(c));
        foreach (var comment in comments) text.Should().Contain(comment!);
    }

    /// <summary><c>Then it is not formatted, because of error PL0004</c>: files with syntax errors are left alone.</summary>
    [Then("^it is not formatted, because of error (PL[0-9]+)$")]
    public void ThenItIsNotFormatted(string code)
    {
        var result = _formatted ?? throw new InvalidOperationException("add `When it is formatted` first");
        result.Text.Should().BeNull("a file with syntax errors is not rewritten");
        result.Diagnostics.Select(d => d.Code).Should().Contain(code);
    }

    private SourceText Source => experiment.Source ?? throw new InvalidOperationException("no experiment was given");

    private string Formatted()
    {
        var result = _formatted ?? throw new InvalidOperationException("add `When it is formatted` first");
        result.Text.Should().NotBeNull("the file should format; the formatter reported:{0}{1}", Environment.NewLine,
            string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString())));
        return result.Text!;
    }
}
