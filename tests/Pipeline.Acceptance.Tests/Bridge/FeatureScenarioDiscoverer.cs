using Pipeline.Acceptance.Bridge;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>Expands a <see cref="FeatureScenariosAttribute"/> method into one test case per scenario case.</summary>
public sealed class FeatureScenarioDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var directory = factAttribute.GetNamedArgument<string>(nameof(FeatureScenariosAttribute.Directory));
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var suite = FeatureDiscovery.Discover(RepositoryRoot.Combine(directory));
        foreach (var error in suite.Errors)
        {
            yield return new ExecutionErrorTestCase(diagnosticMessageSink, display, displayOptions, testMethod,
                $"{error.FeaturePath}: {error.Message}");
        }
        foreach (var scenario in suite.Cases)
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, scenario.FeaturePath).Replace('\\', '/');
            yield return new FeatureScenarioTestCase(diagnosticMessageSink, display, displayOptions, testMethod,
                relative, scenario.Line, scenario.DisplayName, scenario.Tags.ToArray(), scenario.SkipReason);
        }
    }
}
