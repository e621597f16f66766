using System.Globalization;
using Pipeline.Plans;

namespace Pipeline.Runner.Scenarios;

/// <summary>
/// The hidden-bottleneck report: one deployment under LoadGen's four scenarios, side by side, and what throughput-only
/// figures hide (<see cref="Finding"/>).
/// </summary>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Deployment">The deployment in words.</param>
/// <param name="Rows">Offline, Server at its peak, Interactive at its peak, SingleStream.</param>
/// <param name="Seed">The workload seed every run used (the file's, or the override).</param>
public sealed record ScenarioReport(string Experiment, string Deployment, IReadOnlyList<ScenarioRow> Rows, int Seed)
{
    /// <summary>The Offline row (every share is of its tokens per second).</summary>
    public ScenarioRow Offline => Row(Scenario.Offline);

    /// <summary>A scenario's row.</summary>
    public ScenarioRow Row(Scenario scenario) => Rows.First(r => r.Scenario == scenario);

    /// <summary>A row's output tokens per second as a share of Offline's.</summary>
    public double ShareOfOffline(ScenarioRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Offline.OutputTokensPerSecond > 0 ? row.OutputTokensPerSecond / Offline.OutputTokensPerSecond : 0;
    }

    /// <summary>One sentence: what a throughput-only (Offline) figure hides about this deployment.</summary>
    public string Finding
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var server = Row(Scenario.Server);
            var interactive = Row(Scenario.Interactive);
            var single = Row(Scenario.SingleStream);
            string Share(ScenarioRow row) => (ShareOfOffline(row) * 100).ToString("0.#", c) + "%";
            var mfu = Offline.Run.Utilisation is { } o && interactive.Run.Utilisation is { } i
                ? string.Create(c, $", with model-FLOPs utilisation at {o.Mfu * 100:0.#}% offline and {i.Mfu * 100:0.#}% interactive")
                : string.Empty;
            var sentence = string.Create(c,
                $"Throughput-only figures hide the latency limits: the Offline figure is {Offline.OutputTokensPerSecond:N0} output tok/s, but under the Server limits ({Limits(server.Slo)}) this deployment delivers {Share(server)} of it and under the Interactive limits ({Limits(interactive.Slo)}) {Share(interactive)}{mfu}; one query at a time gets {Share(single)}.");
            if (!Offline.Valid)
            {
                return sentence + " (The Offline run is INVALID, so its figure is not a ceiling: " + string.Join("; ", Offline.Run.InvalidReasons ?? []) + ".)";
            }
            // A latency-bound scenario cannot outrun the same deployment without limits; when it reads so, the Offline
            // run was too short to keep its batches full (its last batch drains unrefilled), not the deployment faster.
            var above = new[] { server, interactive }.Where(r => ShareOfOffline(r) > 1).Select(r => r.Scenario.ToString()).ToArray();
            return above.Length == 0
                ? sentence
                : sentence + string.Create(c, $" (Warning: {string.Join(" and ", above)} above Offline means the Offline run of {Offline.Run.Metrics.Completed:N0} queries spent much of its time draining a batch it could not refill, so its figure understates the deployment: give it more queries or a longer minimum duration, as MLPerf's 24,576 queries and 600 s do.)");
        }
    }

    /// <summary><c>p99 TTFT 2 s, p99 TPOT 200 ms</c>.</summary>
    public static string Limits(SloPlan slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        if (slo.Limits.Count == 0) return "none";
        return string.Join(", ", slo.Limits.Select(l => string.Create(CultureInfo.InvariantCulture,
            $"p{l.Percentile:0.###} {l.Metric.ToString().ToUpperInvariant()} {(l.Limit >= 1 ? $"{l.Limit:0.###} s" : $"{l.Limit * 1000:0.###} ms")}")));
    }
}
