using Xunit.Sdk;

namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>
/// Marks a method <c>(string featurePath, int line)</c> that runs one scenario; discovery yields one xunit test case
/// per scenario and per Examples row of the <c>.feature</c> files under <see cref="Directory"/> (relative to the
/// repository root), named after the feature, scenario and example values, with tags as <c>Category</c> traits.
/// </summary>
[XunitTestCaseDiscoverer("Pipeline.Acceptance.Tests.Bridge.FeatureScenarioDiscoverer", "Pipeline.Acceptance.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class FeatureScenariosAttribute : FactAttribute
{
    public string Directory { get; set; } = "features";
}
