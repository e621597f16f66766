using System.Globalization;
using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Estimates a run's size before it starts (requests, tokens, the memory its request timelines take, how long its
/// arrivals span) and rejects what no real experiment needs and this machine cannot hold, with the numbers in the
/// message (PL0440, PL0441). A run goes on to its minimum query count and duration, so those count too.
/// </summary>
internal static class RunSizeChecks
{
    /// <summary>Bytes a finished request's timeline takes: a fixed part, and a time and a count per output token.</summary>
    public const double TimelineBytesPerRequest = 256, TimelineBytesPerToken = 16;

    public static void Check(BindContext context, BlockReader workloadReader, BenchmarkPlan benchmark, ModelArchitecture? model)
    {
        var workload = benchmark.Workload;
        var limits = RunLimits.Of(benchmark.Mode);
        var rate = workload.Arrivals switch
        {
            PoissonArrivals p => p.Rate,
            FixedIntervalArrivals f => 1 / f.Interval,
            _ => (double?)null,
        };
        // Requests: the count, or what the duration lets arrive; then the minimum query count and duration on top.
        double requests = workload.Requests ?? (workload.Duration ?? 0) * (rate ?? 0);
        var why = workload.Requests is { } n ? $"requests = {Count(n)}" : $"{Rate(rate)} for {Seconds(workload.Duration)}";
        if (benchmark.MinQueryCount > requests) (requests, why) = (benchmark.MinQueryCount, $"min_queries = {Count(benchmark.MinQueryCount)}");
        if (benchmark.Duration is { } minimum && rate is { } r2 && minimum * r2 > requests) (requests, why) = (minimum * r2, $"{Rate(rate)} for the benchmark's {Seconds(minimum)}");
        var span = rate is { } perSecond ? requests / perSecond : workload.Arrivals is TraceArrivals { Summary: { } trace } replay ? trace.LastArrival / replay.Speed : 0;
        var prompt = WorkloadBinder.Mean(workload.PromptTokens);
        var output = WorkloadBinder.Mean(workload.OutputTokens);
        var at = workloadReader.Setting("requests")?.Value.Span ?? workloadReader.Setting("duration")?.Value.Span ?? workloadReader.SpanOf("arrivals");
        var mode = benchmark.Mode == BenchmarkMode.Execute ? "an executed" : "a simulated";

        if (requests > limits.Requests)
        {
            context.Report(DiagnosticCatalog.RunTooLarge(context.Source, at, $"about {Count(requests)} requests ({why})", $"{Count(limits.Requests)} requests", mode,
                rate is { } arriving ? $"at {Rate(arriving)}, {Count(limits.Requests)} requests arrive in {Seconds(limits.Requests / arriving)}" : "lower `requests`"));
            return;
        }
        var tokens = requests * (prompt + output);
        if (tokens > limits.Tokens)
        {
            context.Report(DiagnosticCatalog.RunTooLarge(context.Source, at, $"about {Count(tokens)} tokens ({Count(requests)} requests of {Count(prompt + output)} tokens on average)",
                $"{Count(limits.Tokens)} tokens", mode, $"at most {Count(limits.Tokens / (prompt + output))} requests of this length"));
            return;
        }
        var timelines = requests * (TimelineBytesPerRequest + TimelineBytesPerToken * output);
        if (timelines > limits.TimelineBytes)
        {
            context.Report(DiagnosticCatalog.RunTooLarge(context.Source, at,
                $"request timelines of about {DiagnosticCatalog.Bytes(timelines)} ({Count(requests)} requests of {Count(output)} output tokens)",
                DiagnosticCatalog.Bytes(limits.TimelineBytes), mode, $"at most {Count(limits.TimelineBytes / (TimelineBytesPerRequest + TimelineBytesPerToken * output))} requests of this length"));
            return;
        }
        if (model is not null && ModelWork(model, workload, requests) is var work && work > limits.Flops)
        {
            context.Report(DiagnosticCatalog.RunTooLarge(context.Source, at,
                $"about {Flops(work)} FLOPs of model work ({Count(requests)} requests of {Count(prompt + output)} tokens on average, up to {Count(workload.PromptTokens.Max + workload.OutputTokens.Max)}, on {Count(model.Parameters)} parameters)",
                $"{Flops(limits.Flops)} FLOPs", mode, "fewer or shorter requests (attention's work grows with the square of a request's length), or mode = simulate"));
            return;
        }
        if (span > limits.SpanSeconds)
        {
            context.Report(DiagnosticCatalog.RunSpansTooLong(context.Source, workloadReader.SpanOf("arrivals"), $"{Count(requests)} requests at {Rate(rate)}", Seconds(span), Seconds(limits.SpanSeconds), mode));
        }
    }

    /// <summary>
    /// The FLOPs of the requests' forward passes: two per weight per token, and attention's four per head dimension per
    /// (query, key) pair, a request of n tokens scoring about n^2 / 2 pairs in each layer (n^2 taken as mean x longest, an
    /// upper bound for lengths that vary).
    /// </summary>
    private static double ModelWork(ModelArchitecture model, WorkloadPlan workload, double requests)
    {
        double mean = WorkloadBinder.Mean(workload.PromptTokens) + WorkloadBinder.Mean(workload.OutputTokens);
        double longest = (double)workload.PromptTokens.Max + workload.OutputTokens.Max;
        return requests * (2.0 * model.Parameters * mean + 4.0 * model.Hidden * model.Layers * mean * longest / 2);
    }

    private static string Flops(double value) => value.ToString("0.##e0", CultureInfo.InvariantCulture);

    private static string Count(double value) => value >= 1e15 ? value.ToString("0.###e0", CultureInfo.InvariantCulture) : value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Rate(double? rate) => rate is { } r ? $"{r.ToString("0.###e0", CultureInfo.InvariantCulture)} req/s".Replace("e0 ", " ", StringComparison.Ordinal) : "the arrivals";

    private static string Seconds(double? seconds) => seconds is { } s ? (s >= 1e6 ? s.ToString("0.###e0", CultureInfo.InvariantCulture) : s.ToString("#,0.###", CultureInfo.InvariantCulture)) + " s" : "its duration";
}
