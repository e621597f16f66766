using Pipeline.Acceptance.Drivers;
using Pipeline.Acceptance.Internal;
using Pipeline.Core.Diagnostics;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>Steps that name the experiment a scenario is about and compile it (features/language, features/plans).</summary>
[Binding]
public sealed class ExperimentSteps(ExperimentDriver experiment)
{
    /// <summary><c>Given the experiment "examples/quickstart.pipe"</c>: relative to the feature's folder, then the repository root.</summary>
    [Given("the experiment {string}")]
    public void GivenTheExperiment(string path) => experiment.Load(path);

    /// <summary><c>Given the experiment:</c> followed by the file's text as a doc string (imports resolve beside the feature).</summary>
    [Given("the experiment:")]
    public void GivenTheExperimentText(string text) => experiment.LoadText(text);

    /// <summary><c>When it is compiled</c>.</summary>
    [When("it is compiled")]
    public void WhenItIsCompiled() => experiment.Compile();

    /// <summary><c>Then it compiles without errors</c>: lists every error it found otherwise.</summary>
    [Then("it compiles without errors")]
    public void ThenItCompilesWithoutErrors()
    {
        var result = experiment.Compile();
        if (result.Errors.Any() || !result.Success) throw Refused(result.Errors, "does not compile");
    }

    /// <summary><c>Then it compiles without errors or warnings</c>.</summary>
    [Then("it compiles without errors or warnings")]
    public void ThenItCompilesCleanly()
    {
        var result = experiment.Compile();
        if (result.Diagnostics.Count > 0 || !result.Success) throw Refused(result.Diagnostics, "does not compile cleanly");
    }

    // The compiler's own words, each diagnostic with its source line and carets.
    private ExpectationException Refused(IEnumerable<Diagnostic> diagnostics, string verdict) =>
        new($"{experiment.Description} {verdict}:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics.Select(d => DiagnosticRenderer.Render(d).TrimEnd()))}");
}
