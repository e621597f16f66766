using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Plans.Catalog;

/// <summary>What MLPerf Inference asks of one model in one scenario: its latency limits, the minimum run and query count.</summary>
/// <param name="Model">Built-in model name.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Slo">The latency limits (p99 TTFT and TPOT for Server and Interactive; none for Offline and SingleStream).</param>
/// <param name="MinDuration">Minimum run time, seconds (LoadGen's <c>min_duration</c>).</param>
/// <param name="MinQueryCount">Minimum queries issued (LoadGen's <c>min_query_count</c>).</param>
public sealed record MlperfRule(string Model, Scenario Scenario, SloPlan Slo, double MinDuration, int MinQueryCount);

/// <summary>
/// MLPerf Inference's run rules for the built-in models MLPerf benchmarks, as LoadGen's <c>mlperf.conf</c> sets them:
/// every scenario runs at least 600 s (<c>*.*.min_duration = 600000</c>); Offline needs the model's
/// <c>Offline.min_query_count</c> samples (llama2-70b 24576, llama3_1-8b 13368, llama3_1-405b 8313, each its
/// dataset size); Server, Interactive and SingleStream keep LoadGen's default <c>min_query_count</c> of 100. The
/// latency limits are <see cref="MlperfSlos"/>'s.
/// </summary>
public static class MlperfRules
{
    /// <summary>LoadGen's minimum run time for every scenario, seconds.</summary>
    public const double MinDuration = 600;

    /// <summary>LoadGen's default minimum query count (Server, Interactive, SingleStream).</summary>
    public const int DefaultMinQueryCount = 100;

    private static readonly Dictionary<string, int> OfflineQueries = new(StringComparer.Ordinal)
    {
        ["llama-2-70b"] = 24576,
        ["llama-3.1-8b"] = 13368,
        ["llama-3.1-405b"] = 8313,
    };

    /// <summary>Models with MLPerf rules, in a stable order.</summary>
    public static IReadOnlyList<string> Models { get; } = OfflineQueries.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The rules of a built-in model in a scenario.</summary>
    /// <returns>False when MLPerf does not benchmark the model.</returns>
    public static bool TryGet(string modelName, Scenario scenario, [MaybeNullWhen(false)] out MlperfRule rule)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (!OfflineQueries.TryGetValue(modelName, out var offlineQueries))
        {
            rule = null;
            return false;
        }
        var slo = MlperfSlos.TryGet(modelName, scenario, out var limits) ? limits : new SloPlan([]);
        var queries = scenario == Scenario.Offline ? offlineQueries : DefaultMinQueryCount;
        rule = new MlperfRule(modelName, scenario, slo, MinDuration, queries);
        return true;
    }
}
