using System.Text.Json;
using Pipeline.Reports.Tests.TestData;

namespace Pipeline.Reports.Tests;

public sealed class ChromeTraceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Trace_parses_and_every_event_has_its_phase_fields()
    {
        HandBuilt.Report(_folder.Path);
        var events = Events();

        events.Should().NotBeEmpty();
        foreach (var e in events)
        {
            e.TryGetProperty("name", out _).Should().BeTrue();
            e.GetProperty("pid").GetInt32().Should().BePositive();
            e.TryGetProperty("tid", out _).Should().BeTrue();
            var phase = e.GetProperty("ph").GetString();
            phase.Should().BeOneOf("X", "b", "e", "M");
            if (phase == "M") continue;
            e.GetProperty("ts").GetDouble().Should().BeGreaterThanOrEqualTo(0);
            if (phase == "X") e.GetProperty("dur").GetDouble().Should().BeGreaterThanOrEqualTo(0);
            else e.GetProperty("id").GetString().Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public void Each_step_is_one_complete_event_on_its_worker_track_with_batch_and_tokens_in_microseconds()
    {
        HandBuilt.Report(_folder.Path);
        var steps = Events().Where(e => e.GetProperty("ph").GetString() == "X").ToArray();

        steps.Should().HaveCount(HandBuilt.Steps().Count);
        // The third step: worker 0, 1.0 s to 1.3 s, one prefill of 30 tokens and one decode.
        var mixed = steps[2];
        mixed.GetProperty("name").GetString().Should().Be("mixed");
        mixed.GetProperty("tid").GetInt32().Should().Be(0);
        mixed.GetProperty("ts").GetDouble().Should().Be(1_000_000);
        mixed.GetProperty("dur").GetDouble().Should().Be(300_000);
        mixed.GetProperty("args").GetProperty("batch").GetInt32().Should().Be(2);
        mixed.GetProperty("args").GetProperty("tokens").GetInt32().Should().Be(31);
        steps.Select(s => s.GetProperty("tid").GetInt32()).Should().Equal(0, 1, 0, 1);
    }

    [Fact]
    public void Workers_are_named_and_every_request_span_begins_and_ends()
    {
        HandBuilt.Report(_folder.Path);
        var events = Events();

        events.Where(e => e.GetProperty("name").GetString() == "thread_name" && e.GetProperty("pid").GetInt32() == 1)
            .Select(e => e.GetProperty("args").GetProperty("name").GetString())
            .Should().Equal("worker 0 (colocated)", "worker 1 (colocated)");
        var requests = events.Where(e => e.TryGetProperty("cat", out var c) && c.GetString() == "request"
            && e.GetProperty("name").GetString()!.StartsWith("request ", StringComparison.Ordinal)).ToArray();
        requests.Count(e => e.GetProperty("ph").GetString() == "b").Should().Be(HandBuilt.Timelines().Count);
        requests.Count(e => e.GetProperty("ph").GetString() == "e").Should().Be(HandBuilt.Timelines().Count);
    }

    [Fact]
    public void A_kv_transfer_is_an_async_span_from_its_start_to_its_end()
    {
        using (var reporter = RunReporter.Create(_folder.Path, HandBuilt.Plan(), new RunIdentity(3, null, [])))
        {
            reporter.OnKvTransfer(new KvTransferRecord(7, 0, 1, 0.25, 0.5, 4096));
        }
        var kv = Events().Where(e => e.TryGetProperty("cat", out var c) && c.GetString() == "kv").ToArray();

        kv.Select(e => (e.GetProperty("ph").GetString(), e.GetProperty("ts").GetDouble(), e.GetProperty("id").GetString()))
            .Should().Equal(("b", 250_000.0, "kv-7"), ("e", 500_000.0, "kv-7"));
        kv[0].GetProperty("args").GetProperty("bytes").GetInt64().Should().Be(4096);
    }

    [Fact]
    public void A_simulated_disaggregated_run_traces_every_step_it_ran_and_every_kv_transfer()
    {
        const string text = """
            experiment split {
              model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }
              hardware { accelerator = h100-sxm }
              disaggregation { prefill { workers = 1 }  decode { workers = 2 } }
              workload { arrivals = poisson(rate: 50 req/s)  prompt = fixed(32 tok)  output = fixed(4 tok)  requests = 8  seed = 2 }
              benchmark { mode = simulate }
            }
            """;
        var plan = HandBuilt.Compile(text).Runs.Single();
        var counter = new StepCounter();
        using (var reporter = RunReporter.Create(_folder.Path, plan, new RunIdentity(2, null, [])))
        {
            var result = ExperimentRunner.Run(plan, new RunOptions(Observers: [counter, reporter], KeepTimelines: false));
            reporter.Complete(result);
        }
        var events = Events();

        events.Count(e => e.GetProperty("ph").GetString() == "X").Should().Be(counter.Steps).And.BePositive();
        events.Where(e => e.GetProperty("ph").GetString() == "X").Select(e => e.GetProperty("tid").GetInt32()).Distinct().Order()
            .Should().Equal(0, 1, 2);
        var kv = events.Where(e => e.TryGetProperty("cat", out var c) && c.GetString() == "kv").ToArray();
        kv.Count(e => e.GetProperty("ph").GetString() == "b").Should().Be(8, "each request's KV moves once, prefill to decode");
        kv.Count(e => e.GetProperty("ph").GetString() == "e").Should().Be(8);
    }

    private JsonElement[] Events()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(_folder.File(ReportFiles.Trace)));
        return document.RootElement.GetProperty("traceEvents").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public void Dispose() => _folder.Dispose();

    private sealed class StepCounter : IServingObserver
    {
        public int Steps { get; private set; }

        public void OnStep(WorkerStepRecord step) => Steps++;

        public void OnKvTransfer(KvTransferRecord transfer)
        {
        }

        public void OnRequestFinished(RequestTimeline timeline)
        {
        }
    }
}
