using Pipeline.Acceptance.Drivers;
using Pipeline.Core.Diagnostics;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>Steps that name the experiment a scenario is about and compile it (features/language, features/plans).</summary>
[Binding]
public sealed class ExperimentSteps(ExperimentDriver experiment, FeatureContext feature)
{
    /// <summary><c>Given the experiment "examples/quickstart.pipe"</c>: relative to the feature's folder, then the repository root.</summary>
    [Given("the experiment {string}")]
    public void GivenTheExperiment(string path) => experiment.Load(path);

    /// <summary><c>Given the experiment:</c> followed by the file's text as a doc string (imports resolve beside the feature).</summary>
    [Given("the experiment:")]
    public void GivenTheExperimentText(string text) => experiment.LoadText(text, feature.FeatureInfo.FolderPath);

    /// <summary><c>When it is compiled</c>.</summary>
    [When("it is compiled")]
    public void WhenItIsCompiled() => experiment.Compile();

    /// <summary><c>Then it compiles without errors</c>: lists every error it found otherwise.</summary>
    [Then("it compiles without errors")]
    public void ThenItCompilesWithoutErrors()
    {
        var result = experiment.Compile();
        result.Errors.Select(DiagnosticRenderer.Render).Should().BeEmpty("{0} should compile", experiment.Source!.Path);
        result.Success.Should().BeTrue();
    }

    /// <summary><c>Then it compiles without errors or warnings</c>.</summary>
    [Then("it compiles without errors or warnings")]
    public void ThenItCompilesCleanly()
    {
        var result = experiment.Compile();
        result.Diagnostics.Select(DiagnosticRenderer.Render).Should().BeEmpty("{0} should compile cleanly", experiment.Source!.Path);
        result.Success.Should().BeTrue();
    }
}
