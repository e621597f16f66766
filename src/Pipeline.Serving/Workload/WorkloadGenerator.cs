using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Workload;

/// <summary>
/// Turns a <see cref="WorkloadPlan"/> into concrete requests. Deterministic by <see cref="WorkloadPlan.Seed"/>:
/// arrival gaps, lengths and prompt token ids come from three independent seeded streams, so changing
/// one distribution does not shift the others. The first request of a Poisson or fixed-interval stream
/// arrives at time zero (as vLLM's benchmark client sends it). A run is bounded by the request count,
/// by the duration of arrivals, or by both (whichever ends first).
/// </summary>
public static class WorkloadGenerator
{
    /// <summary>Diagnostic code: the workload has neither a request count nor a duration.</summary>
    public const string Unbounded = "PLT004";

    /// <summary>Generates the requests.</summary>
    /// <param name="plan">The workload.</param>
    /// <param name="vocabulary">Vocabulary size; prompt token ids are drawn from <c>[0, vocabulary)</c>.</param>
    /// <param name="baseDirectory">Directory trace paths are relative to (the experiment file's), or null for the current one.</param>
    public static WorkloadResult Generate(WorkloadPlan plan, int vocabulary, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabulary, 1);
        var diagnostics = new DiagnosticBag();
        var arrivalRandom = new Random(plan.Seed);
        var lengthRandom = new Random(unchecked(plan.Seed * 31 + 7));
        var tokenRandom = new Random(unchecked(plan.Seed * 131 + 17));

        IReadOnlyList<TraceRow> rows;
        if (plan.Arrivals is TraceArrivals trace)
        {
            var path = baseDirectory is null ? trace.Path : Path.Combine(baseDirectory, trace.Path);
            rows = TraceReader.Read(path, diagnostics);
        }
        else if (plan.Requests is null && (plan.Duration is null || plan.Arrivals is AllAtOnceArrivals))
        {
            diagnostics.Add(new Diagnostic(Unbounded, DiagnosticSeverity.Error,
                "the workload never ends: it has no request count" + (plan.Duration is null ? " and no duration" : " and all requests arrive at once"),
                new SourceText("<workload>", string.Empty), new TextSpan(0, 0), "set 'requests N'"));
            rows = [];
        }
        else
        {
            rows = Arrivals(plan, arrivalRandom);
        }
        if (diagnostics.HasErrors)
        {
            return new WorkloadResult([], diagnostics.Sorted());
        }

        var requests = new List<ServingRequest>(rows.Count);
        foreach (var row in rows)
        {
            if ((plan.Requests is { } count && requests.Count >= count) || (plan.Duration is { } d && row.Arrival > d && plan.Arrivals is TraceArrivals))
            {
                break;
            }
            var promptLength = row.PromptTokens ?? Math.Max(1, LengthSampler.Sample(plan.PromptTokens, lengthRandom));
            var outputLength = row.OutputTokens ?? Math.Max(1, LengthSampler.Sample(plan.OutputTokens, lengthRandom));
            var prompt = new int[promptLength];
            for (var i = 0; i < prompt.Length; i++)
            {
                prompt[i] = tokenRandom.Next(vocabulary);
            }
            requests.Add(new ServingRequest(requests.Count, row.Arrival, prompt, outputLength));
        }
        return new WorkloadResult(requests, diagnostics.Sorted());
    }

    private static List<TraceRow> Arrivals(WorkloadPlan plan, Random random)
    {
        var rows = new List<TraceRow>();
        var limit = plan.Requests ?? int.MaxValue;
        var time = 0.0;
        while (rows.Count < limit)
        {
            if (plan.Duration is { } duration && time > duration)
            {
                break;
            }
            rows.Add(new TraceRow(time, null, null));
            time += plan.Arrivals switch
            {
                AllAtOnceArrivals => 0,
                PoissonArrivals p => LengthSampler.Exponential(p.Rate, random),
                FixedIntervalArrivals f => f.Interval,
                _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Arrivals, null),
            };
        }
        return rows;
    }
}
