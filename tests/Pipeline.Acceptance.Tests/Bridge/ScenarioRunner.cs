using System.Collections.Concurrent;
using Pipeline.Acceptance.Bridge;
using Xunit.Sdk;

namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>Finds a discovered scenario again by file and line, runs it, and turns a failure into a test failure.</summary>
internal static class ScenarioRunner
{
    private static readonly ConcurrentDictionary<string, FeatureSuite> s_files = new();

    public static ScenarioCase Find(string featurePath, int line)
    {
        var full = RepositoryRoot.Combine(featurePath);
        var suite = s_files.GetOrAdd(full, FeatureDiscovery.DiscoverFile);
        return suite.Cases.SingleOrDefault(c => c.Line == line)
            ?? throw new XunitException($"{featurePath}:{line} no longer holds a scenario; rebuild to rediscover.");
    }

    public static async Task RunAsync(ScenarioExecutor executor, string featurePath, int line)
    {
        var result = await executor.RunAsync(Find(featurePath, line));
        if (result.Outcome == ScenarioOutcome.Failed)
        {
            throw new XunitException(result.Message);
        }
    }
}
