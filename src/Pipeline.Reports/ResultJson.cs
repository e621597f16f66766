using System.Text;
using System.Text.Json;
using Pipeline.Plans;
using Pipeline.Runner;
using Pipeline.Runner.Validity;
using Pipeline.Serving.Accounting;

namespace Pipeline.Reports;

/// <summary>
/// Writes a <see cref="RunResult"/> as JSON. Field names follow vLLM's <c>benchmark_serving</c> output where they
/// overlap (<c>completed</c>, <c>duration</c>, <c>request_throughput</c>, <c>mean_ttft_ms</c>, <c>p99_itl_ms</c>, ...);
/// latencies in milliseconds, throughputs per second, numbers culture-invariant. Also: <c>arrived</c>,
/// <c>rejected</c>, <c>preemptions</c>, <c>policy</c>, <c>deployment</c>, <c>device</c>, <c>mode</c>, the SLO verdicts,
/// when the run stopped early <c>abort_reason</c>, and with a <see cref="RunIdentity"/> the <c>seed</c> and, for a sweep
/// cell, <c>sweep_cell</c> and <c>swept</c> (each swept setting and its value).
/// </summary>
public static class ResultJson
{
    /// <summary>Writes the result (indented, one object) to <paramref name="writer"/>.</summary>
    public static void Write(RunResult result, TextWriter writer, RunIdentity? identity = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteObject(result, identity, json);
        }
        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }

    /// <summary>The result as a JSON string.</summary>
    public static string ToJson(RunResult result, RunIdentity? identity = null)
    {
        using var writer = new StringWriter();
        Write(result, writer, identity);
        return writer.ToString();
    }

    private static void WriteObject(RunResult result, RunIdentity? identity, Utf8JsonWriter json)
    {
        var m = result.Metrics;
        json.WriteStartObject();
        json.WriteString("experiment", result.Experiment);
        if (identity is not null) Identity(json, identity);
        json.WriteString("mode", result.Mode == BenchmarkMode.Execute ? "execute" : "simulate");
        json.WriteString("policy", result.Policy);
        json.WriteString("deployment", result.Deployment);
        json.WriteString("device", result.Device);
        Number(json, "arrived", m.Arrived);
        Number(json, "completed", m.Completed);
        Number(json, "rejected", m.Rejected);
        Number(json, "preemptions", m.Preemptions);
        Number(json, "duration", m.Duration);
        Number(json, "total_input_tokens", m.InputTokens);
        Number(json, "total_output_tokens", m.OutputTokens);
        Number(json, "request_throughput", m.RequestThroughput);
        Number(json, "output_throughput", m.OutputThroughput);
        Number(json, "total_token_throughput", m.TotalTokenThroughput);
        // LoadGen's Server figures: up to the end of the last query issued.
        Number(json, "final_query_done", m.FinalQueryDone);
        Number(json, "completed_request_throughput", m.CompletedRequestThroughput);
        Number(json, "completed_output_throughput", m.CompletedOutputThroughput);
        Latency(json, "ttft", m.Ttft);
        Latency(json, "tpot", m.Tpot);
        Latency(json, "itl", m.Itl);
        Latency(json, "e2el", m.E2e);
        Slo(json, m);
        json.WriteBoolean("valid", result.IsValid);
        if (result.Verdict is { } verdict)
        {
            Verdict(json, verdict);
        }
        if (result.InvalidReasons is { Count: > 0 } reasons)
        {
            json.WriteStartArray("invalid_reasons");
            foreach (var reason in reasons) json.WriteStringValue(reason);
            json.WriteEndArray();
        }
        if (result.AbortReason is not null)
        {
            json.WriteString("abort_reason", result.AbortReason);
        }
        if (result.Diagnostics.Count > 0)
        {
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in result.Diagnostics)
            {
                json.WriteStringValue(diagnostic.ToString());
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Identity(Utf8JsonWriter json, RunIdentity identity)
    {
        Number(json, "seed", identity.Seed);
        if (identity.Cell is not { } cell) return;
        Number(json, "sweep_cell", cell);
        json.WriteStartObject("swept");
        foreach (var (setting, value) in identity.Swept) Number(json, setting, value);
        json.WriteEndObject();
    }

    /// <summary>LoadGen's checks, as its summary lists them ("Performance constraints satisfied", "Min duration satisfied", ...).</summary>
    private static void Verdict(Utf8JsonWriter json, RunVerdict verdict)
    {
        json.WriteString("scenario", Keyword(verdict.Scenario));
        json.WriteBoolean("performance_constraints_met", verdict.PerformanceConstraintsMet);
        json.WriteBoolean("min_duration_met", verdict.MinDurationMet);
        json.WriteBoolean("min_queries_met", verdict.MinQueriesMet);
        json.WriteBoolean("early_stopping_met", verdict.EarlyStoppingMet);
        json.WriteStartArray("constraints");
        foreach (var check in verdict.Limits)
        {
            json.WriteStartObject();
            json.WriteString("metric", check.Limit.Metric.ToString().ToLowerInvariant());
            Number(json, "percentile", check.Limit.Percentile);
            Number(json, "limit_ms", check.Limit.Limit * 1000);
            if (double.IsFinite(check.Measured)) Number(json, "measured_ms", check.Measured * 1000);
            else json.WriteNull("measured_ms");
            json.WriteBoolean("met", check.Met);
            Number(json, "queries", check.Queries);
            Number(json, "over_limit", check.OverLimit);
            Number(json, "queries_needed", check.QueriesNeeded);
            json.WriteBoolean("early_stopping_met", check.EarlyStoppingMet);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (verdict.SingleStreamEstimate is { } estimate)
        {
            Number(json, "early_stopping_p90_e2el_ms", estimate * 1000);
        }
    }

    private static string Keyword(Scenario scenario) => scenario == Scenario.SingleStream ? "single-stream" : scenario.ToString().ToLowerInvariant();

    private static void Latency(Utf8JsonWriter json, string name, LatencyStats stats)
    {
        Number(json, $"mean_{name}_ms", stats.Mean * 1000);
        Number(json, $"median_{name}_ms", stats.Median * 1000);
        Number(json, $"p90_{name}_ms", stats.P90 * 1000);
        Number(json, $"p99_{name}_ms", stats.P99 * 1000);
    }

    private static void Slo(Utf8JsonWriter json, ServingMetrics m)
    {
        json.WriteStartArray("slo");
        foreach (var verdict in m.Slo)
        {
            json.WriteStartObject();
            json.WriteString("metric", verdict.Limit.Metric.ToString().ToLowerInvariant());
            Number(json, "percentile", verdict.Limit.Percentile);
            Number(json, "limit_ms", verdict.Limit.Limit * 1000);
            Number(json, "observed_ms", verdict.Observed * 1000);
            json.WriteBoolean("met", verdict.Met);
            json.WriteString("origin", verdict.Limit.Origin == SloOrigin.Declared ? "declared" : "mlperf");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (m.SloMet is { } met)
        {
            json.WriteBoolean("slo_met", met);
        }
        Number(json, "slo_attainment", m.SloAttainment);
        Number(json, "goodput", m.Goodput);
    }

    /// <summary>A figure, or null where a run gave none that is finite (a KV transfer that never arrives): JSON has no Infinity.</summary>
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
