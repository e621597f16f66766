using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Reports.Tests.TestData;

/// <summary>
/// A run built by hand, whose numbers cannot move with the cost model: four completed requests and one rejected.
/// TTFTs 100, 200, 300, 400 ms; TPOTs 50, 100, 200, 100 ms; E2Es 200, 500, 500, 500 ms; 11 output tokens over
/// 2 s (first arrival 0, last end 2.0). Limits TTFT p99 500 ms (met: 397 ms) and TPOT p99 150 ms (missed: 197 ms).
/// </summary>
internal static class HandBuilt
{
    public const string Text = """
        experiment handbuilt {
          model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }
          hardware { accelerator = h100-sxm }
          workload { arrivals = poisson(rate: 2 req/s)  prompt = fixed(16 tok)  output = fixed(4 tok)  requests = 5  seed = 3 }
          slo { ttft p99 <= 500 ms   tpot p99 <= 150 ms }
          benchmark { scenario = server  mode = simulate  min_queries = 4  seed = 9 }
        }
        """;

    public const string RejectionReason = "the prompt (5000 tokens) does not fit in the KV cache, even alone";

    public static ExperimentPlan Plan() => Compile(Text).Runs.Single();

    public static CompilationResult Compile(string text)
    {
        var compiled = ExperimentCompiler.Compile(new SourceText("test.pipe", text), _ => null);
        compiled.Success.Should().BeTrue(string.Join("\n", compiled.Diagnostics));
        return compiled;
    }

    public static IReadOnlyList<RequestTimeline> Timelines() =>
    [
        Completed(0, 0.0, 10, [0.1, 0.15, 0.2], worker: 0),
        Completed(1, 0.5, 20, [0.7, 0.8, 0.9, 1.0], worker: 1),
        Completed(2, 1.0, 30, [1.3, 1.5], worker: 0),
        Completed(3, 1.5, 40, [1.9, 2.0], worker: 1),
        new RequestTimeline(4, 5000, 4, 2.0, RequestStatus.Rejected, RejectionReason, 2.0, [], [], [], [], null, null, []),
    ];

    /// <summary>Two workers' steps: a prefill, a mixed step and two decodes.</summary>
    public static IReadOnlyList<WorkerStepRecord> Steps() =>
    [
        new(0, PoolRole.Colocated, 0, 0.0, 0.1, 1, 10, 0, 10, 0),
        new(1, PoolRole.Colocated, 0, 0.5, 0.7, 1, 20, 0, 20, 0),
        new(0, PoolRole.Colocated, 1, 1.0, 1.3, 1, 30, 1, 42, 0),
        new(1, PoolRole.Colocated, 1, 1.5, 1.9, 0, 0, 2, 64, 0),
    ];

    /// <summary>
    /// The same run but that request 0, issued first, decodes one more token at 4.0 s: it finishes after the last query
    /// issued (request 4, rejected at 2.0 s), so LoadGen's Server tokens/s (12 over 2 s) and the whole run's (12 over
    /// 4 s) differ.
    /// </summary>
    public static IReadOnlyList<RequestTimeline> TimelinesWithALongFirstQuery() =>
        [Completed(0, 0.0, 10, [0.1, 0.15, 0.2, 4.0], worker: 0), .. Timelines().Skip(1)];

    public static RunResult Result(IReadOnlyList<string>? invalidReasons = null, IReadOnlyList<RequestTimeline>? timelines = null)
    {
        var plan = Plan();
        return new RunResult("handbuilt", BenchmarkMode.Simulate, "continuous (hand-built)", "colocated 2 workers, round-robin",
            "hand-built", [], ServingMetrics.From(timelines ?? Timelines(), plan.Benchmark.Slo), [], null, 0, invalidReasons ?? []);
    }

    /// <summary>Feeds the hand-built run to a reporter in <paramref name="folder"/> and completes it.</summary>
    public static IReadOnlyList<string> Report(string folder)
    {
        using var reporter = RunReporter.Create(folder, Plan(), new RunIdentity(3, null, []));
        foreach (var step in Steps()) reporter.OnStep(step);
        foreach (var timeline in Timelines()) reporter.OnRequestFinished(timeline);
        return reporter.Complete(Result());
    }

    private static RequestTimeline Completed(int id, double arrival, int prompt, double[] tokenTimes, int worker)
    {
        var steps = tokenTimes.Select((t, i) => new TimelineStep(worker, i, i == 0 ? arrival : tokenTimes[i - 1], t,
            i == 0 ? SequencePhase.Prefill : SequencePhase.Decode, i == 0 ? prompt : 1)).ToArray();
        return new RequestTimeline(id, prompt, tokenTimes.Length, arrival, RequestStatus.Completed, null, tokenTimes[^1], steps,
            tokenTimes, tokenTimes.Select((_, i) => 100 + i).ToArray(), [], null, null, [worker]);
    }
}
