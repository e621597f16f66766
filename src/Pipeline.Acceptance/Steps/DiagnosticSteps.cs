using Pipeline.Acceptance.Drivers;
using Pipeline.Acceptance.Internal;
using Pipeline.Core.Diagnostics;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>
/// Steps about the diagnostics of a compiled experiment. <c>Then there is an error ...</c> picks one diagnostic;
/// the <c>its ...</c> steps after it are about that one.
/// </summary>
[Binding]
public sealed class DiagnosticSteps(ExperimentDriver experiment)
{
    private Diagnostic? _focus;

    /// <summary><c>Then there is an error PL0101 at line 3</c> (also <c>a warning</c>): line 3 of the experiment, of its file or of its text in the feature.</summary>
    [Then("^there is an? (error|warning) (PL[A-Z]?[0-9]+) at line ([0-9]+)$")]
    public void ThenThereIsADiagnostic(string severity, string code, int line)
    {
        var diagnostics = experiment.Compile().Diagnostics;
        var expected = severity == "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        // An experiment written in a feature counts its lines from its own first line.
        _focus = diagnostics.FirstOrDefault(d => d.Code == code && d.Severity == expected && experiment.LineInExperiment(d) == line)
            ?? throw new ExpectationException($"Expected {severity} {code} at line {line} of {experiment.Description}, but the compiler reported{Reported(diagnostics)}");
    }

    /// <summary><c>Then there is an error PL0101</c>, at any line.</summary>
    [Then("^there is an? (error|warning) (PL[A-Z]?[0-9]+)$")]
    public void ThenThereIsADiagnosticAnywhere(string severity, string code)
    {
        var diagnostics = experiment.Compile().Diagnostics;
        var expected = severity == "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        _focus = diagnostics.FirstOrDefault(d => d.Code == code && d.Severity == expected)
            ?? throw new ExpectationException($"Expected {severity} {code}, but the compiler reported{Reported(diagnostics)}");
    }

    /// <summary><c>Then there are no other errors</c>: the error picked last is the only one.</summary>
    [Then("there are no other errors")]
    public void ThenThereAreNoOtherErrors() =>
        experiment.Compile().Errors.Where(d => d != Focus).Select(d => d.ToString()).Should().BeEmpty();

    /// <summary><c>And its message mentions "max_btch"</c>.</summary>
    [Then("its message mentions {string}")]
    public void ThenItsMessageMentions(string text) => Focus.Message.Should().Contain(text);

    /// <summary><c>And its hint mentions "max_batch"</c>: the diagnostic says how to fix it.</summary>
    [Then("its hint mentions {string}")]
    public void ThenItsHintMentions(string text)
    {
        Focus.Hint.Should().NotBeNullOrEmpty("a diagnostic should say how to fix the mistake ({0})", Focus);
        Focus.Hint.Should().Contain(text);
    }

    /// <summary><c>And it points at "max_btch"</c>: the diagnostic's span covers exactly that text.</summary>
    [Then("it points at {string}")]
    public void ThenItPointsAt(string text)
    {
        var span = Focus.Span;
        Focus.Source.Content.Substring(span.Start, span.Length).Should().Be(text, "the carets go under the offending text");
    }

    /// <summary><c>And it is shown with its source line and carets</c>: the rendered form quotes the line and underlines the span.</summary>
    [Then("it is shown with its source line and carets")]
    public void ThenItIsShownWithItsSourceLine()
    {
        var rendered = DiagnosticRenderer.Render(Focus);
        var line = Focus.Source.GetLine(Focus.Location.Line).Trim();
        rendered.Should().StartWith(Focus.ToString()).And.Contain(line).And.Contain("^");
        if (Focus.Hint is not null) rendered.Should().Contain("= hint: " + Focus.Hint);
    }

    private static string Reported(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Count == 0 ? " nothing." : ":" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    private Diagnostic Focus =>
        _focus ?? throw new InvalidOperationException("no diagnostic picked yet: start with `Then there is an error PL0xyz at line N`");
}
