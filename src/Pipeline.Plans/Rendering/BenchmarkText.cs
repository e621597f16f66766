namespace Pipeline.Plans.Rendering;

/// <summary>The benchmark half of the plan text: scenario, workload, SLOs, sweep.</summary>
internal static class BenchmarkText
{
    public static void Write(PlanText text, BenchmarkPlan b)
    {
        using (text.Section("benchmark"))
        {
            text.Field("scenario", Keywords.Of(b.Scenario));
            if (b.Preset is { } preset)
            {
                text.Field("preset", $"{preset.Name}({Keywords.Of(preset.Scenario)})");
            }
            text.Field("mode", Keywords.Of(b.Mode));
            text.Field("duration", b.Duration is { } d ? Units.Seconds(d) : "none");
            text.Field("min_queries", Units.Count(b.MinQueryCount));
            text.Field("seed", Units.Count(b.Seed));
            text.Field("metrics", b.Metrics.Count == 0 ? "none" : string.Join(", ", b.Metrics));
            if (b.Search is { } search)
            {
                text.Field("search", $"peak_rate(tolerance {Units.Number(search.Tolerance * 100)}%)");
            }
            WriteWorkload(text, b.Workload);
            WriteSlo(text, b.Slo);
            WriteSweep(text, b.Sweep);
        }
    }

    private static void WriteWorkload(PlanText text, WorkloadPlan w)
    {
        using (text.Section("workload"))
        {
            text.Field("arrivals", Describe.Arrivals(w.Arrivals));
            if (w.Arrivals is TraceArrivals { Summary: { } trace } t)
            {
                text.Field("trace_rows", Units.Count(trace.Rows));
                text.Field("trace_span", Units.Seconds(trace.LastArrival));
                // The mean rate at the replay's speed: where a peak search starts, what a capacity plan meets.
                text.Field("trace_rate", t.MeanRate is { } rate ? $"{Units.Number(rate)} req/s" : "none (every row arrives at once)");
            }
            text.Field("prompt_tokens", Describe.Length(w.PromptTokens));
            text.Field("output_tokens", Describe.Length(w.OutputTokens));
            text.Field("requests", w.Requests is { } r ? Units.Count(r) : "none");
            text.Field("duration", w.Duration is { } d ? Units.Seconds(d) : "none");
            text.Field("seed", Units.Count(w.Seed));
        }
    }

    private static void WriteSlo(PlanText text, SloPlan slo)
    {
        using (text.Section("slo"))
        {
            if (slo.Limits.Count == 0)
            {
                text.Line("none");
            }

            foreach (var limit in slo.Limits)
            {
                text.Line($"p{Units.Number(limit.Percentile)} {Keywords.Of(limit.Metric)} <= {Units.Seconds(limit.Limit)} ({Keywords.Of(limit.Origin)})");
            }
        }
    }

    private static void WriteSweep(PlanText text, SweepPlan? sweep)
    {
        if (sweep is null)
        {
            text.Field("sweep", "none");
            return;
        }

        using (text.Section("sweep"))
        {
            using (text.Section("axes"))
            {
                foreach (var axis in sweep.Axes)
                {
                    text.Field(axis.Setting, string.Join(", ", axis.Values.Select(v => Units.Number(v))));
                }
            }

            using (text.Section($"runs ({Units.Count(sweep.Runs.Count)})"))
            {
                foreach (var run in sweep.Runs)
                {
                    var settings = string.Join(" ", run.Settings.Select(s => $"{s.Key}={Units.Number(s.Value)}"));
                    text.Line($"#{Units.Count(run.Index)} {settings}".TrimEnd());
                }
            }
        }
    }
}
