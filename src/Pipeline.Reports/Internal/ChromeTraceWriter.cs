using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Plans;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Observation;

namespace Pipeline.Reports.Internal;

/// <summary>
/// Streams <c>trace.json</c> in Chrome's trace-event format (the JSON object form Perfetto and chrome://tracing
/// open), one event per line as the run goes, closed by <see cref="Dispose"/>. Layout: process 1 "workers" has one
/// thread per worker whose steps are complete ("X") events; process 2 "kv transfers" and process 3 "requests" hold
/// async ("b"/"e") spans keyed by request id, since transfers and requests overlap freely. Timestamps and durations
/// are microseconds of the run's timeline.
/// </summary>
internal sealed class ChromeTraceWriter : IDisposable
{
    public const int WorkersPid = 1;
    public const int TransfersPid = 2;
    public const int RequestsPid = 3;

    private readonly TextWriter _writer;
    private readonly HashSet<int> _namedWorkers = [];
    private bool _first = true;
    private bool _closed;

    public ChromeTraceWriter(TextWriter writer, string experiment)
    {
        _writer = writer;
        _writer.Write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
        Metadata("process_name", WorkersPid, 0, $"workers ({experiment})");
        Metadata("process_name", TransfersPid, 0, "kv transfers");
        Metadata("process_name", RequestsPid, 0, "requests");
        Metadata("thread_name", TransfersPid, 0, "kv transfers");
        Metadata("thread_name", RequestsPid, 0, "requests");
    }

    public int StepEvents { get; private set; }

    public void Step(WorkerStepRecord step)
    {
        if (_namedWorkers.Add(step.Worker))
        {
            Metadata("thread_name", WorkersPid, step.Worker, Invariant($"worker {step.Worker} ({step.Role.ToString().ToLowerInvariant()})"));
            Metadata("thread_sort_index", WorkersPid, step.Worker, null, step.Worker);
        }
        var name = (step.PrefillSequences, step.DecodeSequences) switch
        {
            ( > 0, > 0) => "mixed",
            ( > 0, _) => "prefill",
            _ => "decode",
        };
        Event(name, "step", "X", WorkersPid, step.Worker, step.Start, step.End - step.Start, null, json =>
        {
            json.WriteNumber("step", step.Step);
            json.WriteNumber("batch", step.BatchSize);
            json.WriteNumber("tokens", step.Tokens);
            json.WriteNumber("prefill_sequences", step.PrefillSequences);
            json.WriteNumber("prefill_tokens", step.PrefillTokens);
            json.WriteNumber("decode_sequences", step.DecodeSequences);
            json.WriteNumber("context_tokens", step.ContextTokens);
            if (step.SwappedBlocks > 0) json.WriteNumber("swapped_blocks", step.SwappedBlocks);
        });
        StepEvents++;
    }

    public void KvTransfer(KvTransferRecord transfer)
    {
        var id = Invariant($"kv-{transfer.RequestId}");
        var name = Invariant($"kv {transfer.RequestId}: worker {transfer.SourceWorker} > {transfer.TargetWorker}");
        Event(name, "kv", "b", TransfersPid, 0, transfer.Start, null, id, json =>
        {
            json.WriteNumber("request", transfer.RequestId);
            json.WriteNumber("bytes", transfer.Bytes);
        });
        Event(name, "kv", "e", TransfersPid, 0, transfer.End, null, id, null);
    }

    public void Request(RequestTimeline t)
    {
        var id = Invariant($"req-{t.RequestId}");
        var name = Invariant($"request {t.RequestId}");
        Event(name, "request", "b", RequestsPid, 0, t.Arrival, null, id, json =>
        {
            json.WriteNumber("prompt_tokens", t.PromptTokens);
            json.WriteNumber("output_tokens", t.TokenTimes.Count);
            json.WriteString("status", t.IsCompleted ? "completed" : "rejected");
            if (t.RejectionReason is not null) json.WriteString("reject_reason", t.RejectionReason);
        });
        if (t.TokenTimes.Count > 0)
        {
            // The wait for the first token as a span nested in the request's.
            Event("ttft", "request", "b", RequestsPid, 0, t.Arrival, null, id, null);
            Event("ttft", "request", "e", RequestsPid, 0, t.TokenTimes[0], null, id, null);
        }
        Event(name, "request", "e", RequestsPid, 0, t.End, null, id, null);
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _writer.Write("\n]}\n");
        _writer.Dispose();
    }

    private void Metadata(string name, int pid, int tid, string? label, int? sortIndex = null) =>
        Event(name, null, "M", pid, tid, null, null, null, json =>
        {
            if (label is not null) json.WriteString("name", label);
            if (sortIndex is { } index) json.WriteNumber("sort_index", index);
        });

    private void Event(string name, string? category, string phase, int pid, int tid, double? seconds, double? durationSeconds,
        string? id, Action<Utf8JsonWriter>? args)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            if (category is not null) json.WriteString("cat", category);
            json.WriteString("ph", phase);
            json.WriteNumber("pid", pid);
            json.WriteNumber("tid", tid);
            if (seconds is { } s) json.WriteNumber("ts", Microseconds(s));
            if (durationSeconds is { } d) json.WriteNumber("dur", Microseconds(d));
            if (id is not null) json.WriteString("id", id);
            if (args is not null)
            {
                json.WriteStartObject("args");
                args(json);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        if (!_first) _writer.Write(",\n");
        _first = false;
        _writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    // Microseconds rounded to nanoseconds: whole-number output for whole microseconds, no float noise.
    private static double Microseconds(double seconds) => Math.Round(seconds * 1e6, 3);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
