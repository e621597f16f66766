using System.Text.Json;

namespace Pipeline.Plans.Rendering;

/// <summary>The <c>benchmark</c> object of the plan JSON.</summary>
internal static class BenchmarkJson
{
    public static void Write(Utf8JsonWriter w, BenchmarkPlan b)
    {
        w.WriteString("scenario", Keywords.Of(b.Scenario));
        if (b.Preset is { } preset)
        {
            w.WriteStartObject("preset");
            w.WriteString("name", preset.Name);
            w.WriteString("scenario", Keywords.Of(preset.Scenario));
            w.WriteEndObject();
        }
        w.WriteString("mode", Keywords.Of(b.Mode));
        NumberOrNull(w, "duration", b.Duration);
        w.WriteNumber("min_query_count", b.MinQueryCount);
        w.WriteNumber("seed", b.Seed);
        w.WriteStartArray("metrics");
        foreach (var metric in b.Metrics)
        {
            w.WriteStringValue(metric);
        }

        w.WriteEndArray();
        if (b.Search is { } search)
        {
            w.WriteStartObject("search");
            w.WriteString("kind", "peak_rate");
            w.WriteNumber("tolerance", search.Tolerance);
            w.WriteEndObject();
        }

        WriteWorkload(w, b.Workload);
        w.WriteStartArray("slo");
        foreach (var limit in b.Slo.Limits)
        {
            w.WriteStartObject();
            w.WriteString("metric", Keywords.Of(limit.Metric));
            w.WriteNumber("percentile", limit.Percentile);
            w.WriteNumber("limit", limit.Limit);
            w.WriteString("origin", Keywords.Of(limit.Origin));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteSweep(w, b.Sweep);
    }

    private static void WriteWorkload(Utf8JsonWriter w, WorkloadPlan workload)
    {
        w.WriteStartObject("workload");
        w.WriteStartObject("arrivals");
        w.WriteString("kind", Describe.Kind(workload.Arrivals));
        switch (workload.Arrivals)
        {
            case PoissonArrivals p: w.WriteNumber("rate", p.Rate); break;
            case FixedIntervalArrivals f: w.WriteNumber("interval", f.Interval); break;
            case TraceArrivals t:
                w.WriteString("path", t.Path);
                w.WriteNumber("speed", t.Speed);
                if (t.Summary is { } summary)
                {
                    w.WriteNumber("rows", summary.Rows);
                    w.WriteNumber("span", summary.LastArrival);
                }
                break;
        }

        w.WriteEndObject();
        WriteLength(w, "prompt_tokens", workload.PromptTokens);
        WriteLength(w, "output_tokens", workload.OutputTokens);
        NumberOrNull(w, "requests", workload.Requests);
        NumberOrNull(w, "duration", workload.Duration);
        w.WriteNumber("seed", workload.Seed);
        w.WriteEndObject();
    }

    private static void WriteLength(Utf8JsonWriter w, string name, LengthDistribution length)
    {
        w.WriteStartObject(name);
        w.WriteString("kind", Describe.Kind(length));
        switch (length)
        {
            case NormalLength n:
                w.WriteNumber("mean", n.Mean);
                w.WriteNumber("std_dev", n.StdDev);
                break;
            case LogNormalLength l:
                w.WriteNumber("mean", l.Mean);
                w.WriteNumber("std_dev", l.StdDev);
                break;
            case TraceLength t:
                w.WriteNumber("mean", t.Mean);
                break;
            case DatasetPrompts d:
                w.WriteString("path", d.Path);
                if (d.Tokenizer is { } tokenizer) w.WriteString("tokenizer", tokenizer);
                else w.WriteNull("tokenizer");
                w.WriteNumber("rows", d.Rows);
                w.WriteNumber("mean", d.Mean);
                break;
            case DatasetLength d:
                w.WriteNumber("mean", d.Mean);
                break;
        }

        w.WriteNumber("min", length.Min);
        w.WriteNumber("max", length.Max);
        w.WriteEndObject();
    }

    private static void WriteSweep(Utf8JsonWriter w, SweepPlan? sweep)
    {
        if (sweep is null)
        {
            w.WriteNull("sweep");
            return;
        }

        w.WriteStartObject("sweep");
        w.WriteStartArray("axes");
        foreach (var axis in sweep.Axes)
        {
            w.WriteStartObject();
            w.WriteString("setting", axis.Setting);
            w.WriteStartArray("values");
            foreach (var value in axis.Values)
            {
                w.WriteNumberValue(value);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("runs");
        foreach (var run in sweep.Runs)
        {
            w.WriteStartObject();
            w.WriteNumber("index", run.Index);
            w.WriteStartObject("settings");
            foreach (var setting in run.Settings)
            {
                w.WriteNumber(setting.Key, setting.Value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void NumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
