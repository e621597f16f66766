using System.Text;
using Pipeline.Plans;
using Pipeline.Reports.Internal;
using Pipeline.Runner;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Observation;

namespace Pipeline.Reports;

/// <summary>
/// Writes one run's report folder. Pass it to the run as an observer (<see cref="RunOptions.Observers"/>): it streams
/// <c>requests.csv</c> and <c>trace.json</c> to disk as requests finish and steps run, keeping only one TTFT and one
/// TPOT double per request for the charts, so a run of any length can be reported without its timelines. When the
/// run is over, <see cref="Complete"/> writes <c>result.json</c>, <c>summary.txt</c>, the charts and
/// <c>report.html</c>. Disposing without completing closes the streamed files (each stays well-formed).
/// </summary>
public sealed class RunReporter : IServingObserver, IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly ExperimentPlan _plan;
    private readonly RunIdentity _identity;
    private readonly RequestsCsvWriter _requests;
    private readonly ChromeTraceWriter _trace;
    private readonly List<double> _ttftMs = [];
    private readonly List<double> _tpotMs = [];
    private bool _closed;

    private RunReporter(string folder, ExperimentPlan plan, RunIdentity identity)
    {
        Folder = folder;
        _plan = plan;
        _identity = identity;
        _requests = new RequestsCsvWriter(Open(ReportFiles.Requests));
        _trace = new ChromeTraceWriter(Open(ReportFiles.Trace), plan.Name);
    }

    /// <summary>The folder the report is written to.</summary>
    public string Folder { get; }

    /// <summary>Requests written to <c>requests.csv</c> so far.</summary>
    public int RequestRows => _requests.Rows;

    /// <summary>Creates <paramref name="folder"/> (if needed) and starts the streamed files.</summary>
    public static RunReporter Create(string folder, ExperimentPlan plan, RunIdentity identity)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(identity);
        Directory.CreateDirectory(folder);
        return new RunReporter(folder, plan, identity);
    }

    /// <inheritdoc />
    public void OnStep(WorkerStepRecord step) => _trace.Step(step);

    /// <inheritdoc />
    public void OnKvTransfer(KvTransferRecord transfer) => _trace.KvTransfer(transfer);

    /// <inheritdoc />
    public void OnRequestFinished(RequestTimeline timeline)
    {
        _requests.Write(timeline);
        _trace.Request(timeline);
        if (timeline.Ttft is { } ttft) _ttftMs.Add(ttft * 1000);
        if (timeline.Tpot is { } tpot) _tpotMs.Add(tpot * 1000);
    }

    /// <summary>Closes the streams and writes the rest of the report; returns every file written.</summary>
    public IReadOnlyList<string> Complete(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Dispose();
        var files = new List<string> { Path.Combine(Folder, ReportFiles.Requests), Path.Combine(Folder, ReportFiles.Trace) };
        files.Add(Write(ReportFiles.Result, ResultJson.ToJson(result, _identity)));
        files.Add(Write(ReportFiles.Summary, SummaryText.Render(result, _plan, _identity)));
        var ttft = Charts.Save(Charts.Cdf(_ttftMs, "TTFT", Limits(LatencyMetric.Ttft)), Folder, "ttft");
        var tpot = Charts.Save(Charts.Cdf(_tpotMs, "TPOT", Limits(LatencyMetric.Tpot)), Folder, "tpot");
        files.AddRange(ttft.Files);
        files.AddRange(tpot.Files);
        files.Add(Write(ReportFiles.Html, RunPage.Render(result, _plan, _identity, [ttft, tpot])));
        return files;
    }

    /// <summary>Closes the streamed files if <see cref="Complete"/> has not.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _requests.Dispose();
        _trace.Dispose();
    }

    private IEnumerable<(double Ms, string Label)> Limits(LatencyMetric metric) =>
        _plan.Benchmark.Slo.Limits.Where(l => l.Metric == metric)
            .Select(l => (l.Limit * 1000, Format.Invariant($"limit p{l.Percentile:G4} {l.Limit * 1000:G6} ms")));

    private StreamWriter Open(string name) => new(Path.Combine(Folder, name), append: false, Utf8);

    private string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text, Utf8);
        return path;
    }
}
