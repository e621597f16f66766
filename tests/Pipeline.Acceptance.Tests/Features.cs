using Pipeline.Acceptance.Bridge;
using Pipeline.Acceptance.Tests.Bridge;

namespace Pipeline.Acceptance.Tests;

/// <summary>
/// The acceptance suite: every scenario under <c>features/</c> is one test case, named after its feature and
/// scenario, tagged by its Gherkin tags (<c>dotnet test --filter "Category=execute"</c>).
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class Features
{
    private static readonly ScenarioExecutor s_executor = new();

#pragma warning disable xUnit1001 // The discoverer supplies the arguments, one case per scenario.
    [FeatureScenarios(Directory = "features")]
    public Task Scenario(string featurePath, int line) => ScenarioRunner.RunAsync(s_executor, featurePath, line);
#pragma warning restore xUnit1001
}
