using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Plans.Catalog;

/// <summary>
/// MLPerf Inference latency constraints (p99 TTFT and p99 TPOT) for the LLM benchmarks that define them,
/// as in the MLPerf Inference rules (v5.0/v5.1 LLM tables). Only the Server and Interactive scenarios have
/// latency limits; Offline and SingleStream have none here.
/// </summary>
public static class MlperfSlos
{
    private const double Percentile = 99;

    // (model, scenario) -> (TTFT ms, TPOT ms). Sources: mlcommons/inference_policies inference_rules.adoc (LLM latency
    // table: llama2-70b v4.0, its interactive variant and llama3.1-405b v5.0, llama3.1-8b v5.1) and the matching
    // loadgen/mlperf.conf keys, e.g. "llama2-70b.Server.ttft_latency = 2000" and "llama2-70b.Server.tpot_latency = 200".
    private static readonly Dictionary<(string Model, Scenario Scenario), (double TtftMs, double TpotMs)> Limits = new()
    {
        [("llama-2-70b", Scenario.Server)] = (2000, 200),
        [("llama-2-70b", Scenario.Interactive)] = (450, 40),
        [("llama-3.1-8b", Scenario.Server)] = (2000, 100),
        [("llama-3.1-8b", Scenario.Interactive)] = (500, 30),
        [("llama-3.1-405b", Scenario.Server)] = (6000, 175),
        [("llama-3.1-405b", Scenario.Interactive)] = (4500, 80),
    };

    /// <summary>Models that have MLPerf latency limits, in a stable order.</summary>
    public static IReadOnlyList<string> Models { get; } =
        Limits.Keys.Select(k => k.Model).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The MLPerf p99 TTFT and TPOT limits (seconds, origin <see cref="SloOrigin.MlperfDefault"/>) of a model in a scenario.
    /// </summary>
    /// <param name="modelName">Built-in model name, e.g. <c>llama-2-70b</c>.</param>
    /// <param name="scenario">Server or Interactive (the others have no latency limits).</param>
    /// <param name="slo">The limits, TTFT first, when defined.</param>
    /// <returns>True when MLPerf defines limits for the pair.</returns>
    public static bool TryGet(string modelName, Scenario scenario, [MaybeNullWhen(false)] out SloPlan slo)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (!Limits.TryGetValue((modelName, scenario), out var limits))
        {
            slo = null;
            return false;
        }

        slo = new SloPlan(
        [
            new SloLimit(LatencyMetric.Ttft, Percentile, limits.TtftMs / 1000.0, SloOrigin.MlperfDefault),
            new SloLimit(LatencyMetric.Tpot, Percentile, limits.TpotMs / 1000.0, SloOrigin.MlperfDefault),
        ]);
        return true;
    }
}
