using Pipeline.Compiler.Internal;
using Pipeline.Core.Traces;
using Pipeline.Language.Diagnostics;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// A trace workload is what its file holds: the plan records the rows, the time span and (when the trace has them)
/// the rows' lengths instead of the default distributions, and the request count defaults to the row count, so
/// <c>min_queries</c> (which defaults to the request count) asks for the whole trace.
/// </summary>
internal static class TraceWorkload
{
    public static WorkloadPlan Describe(BindContext context, BlockReader reader, WorkloadPlan workload, TraceArrivals arrivals, TraceParseResult trace)
    {
        var rows = trace.Rows;
        TraceLength? prompt = null, output = null;
        if (trace.HasLengths)
        {
            prompt = new TraceLength(rows.Average(r => (double)r.PromptTokens!.Value), rows.Min(r => r.PromptTokens!.Value), rows.Max(r => r.PromptTokens!.Value));
            output = new TraceLength(rows.Average(r => (double)r.OutputTokens!.Value), rows.Min(r => r.OutputTokens!.Value), rows.Max(r => r.OutputTokens!.Value));
            foreach (var name in new[] { "prompt", "output" }.Where(reader.Has))
            {
                context.Report(DiagnosticCatalog.IgnoredSetting(context.Source, reader.Setting(name)!.Key.Span, name, "with a trace that gives every row's lengths"));
            }
        }
        var requests = workload.Requests;
        if (!reader.Has("requests") && !reader.Has("duration"))
        {
            requests = rows.Count;
        }
        else if (requests > rows.Count)
        {
            context.Report(DiagnosticCatalog.RequestsAboveTraceRows(context.Source, reader.SpanOf("requests"), requests.Value, rows.Count));
            requests = rows.Count;
        }
        var summary = new TraceSummary(rows.Count, rows[^1].Arrival - rows[0].Arrival, prompt, output);
        return workload with
        {
            Arrivals = AtRate(context, reader, arrivals with { Summary = summary, Records = rows }),
            PromptTokens = prompt ?? workload.PromptTokens,
            OutputTokens = output ?? workload.OutputTokens,
            Requests = requests,
        };
    }

    /// <summary>
    /// A trace's rate is its mean rate at its speed, and varies as a Poisson rate does: a probe of a peak search, a
    /// capacity candidate or a sweep that sets <c>workload.arrivals.rate</c> sets the speed that gives that mean rate
    /// (the same requests, arriving proportionally sooner or later).
    /// </summary>
    private static TraceArrivals AtRate(BindContext context, BlockReader reader, TraceArrivals trace)
    {
        context.NumericPaths.TryAdd(BenchmarkBinder.RatePath, Language.Units.Dimension.RequestRate);
        if (!context.Overrides.TryGetValue(BenchmarkBinder.RatePath, out var rate)) return trace;
        if (trace.MeanRate is not { } recorded)
        {
            context.Report(DiagnosticCatalog.SearchNeedsPoissonRate(context.Source, reader.SpanOf("arrivals"),
                "every row of the trace arrives at the same time, so it has no rate to vary"));
            return trace;
        }
        if (!(rate.Value > 0 && double.IsFinite(rate.Value)))
        {
            context.Report(DiagnosticCatalog.OutOfRange(context.Source, rate.Span, "rate", ValueReader.Format(rate.Value, Language.Units.Dimension.RequestRate), "> 0 req/s"));
            return trace;
        }
        return trace with { Speed = trace.Speed * rate.Value / recorded };
    }
}
