using System.Diagnostics.CodeAnalysis;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Core.Traces;
using Pipeline.Plans;
using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Workload;

/// <summary>
/// The requests of a <see cref="WorkloadPlan"/>, made one at a time as they are asked for, so a run of a million
/// requests (or one bounded by time) never holds them all. Deterministic by <see cref="WorkloadPlan.Seed"/>:
/// arrival gaps, lengths and prompt token ids come from three independent seeded streams, so changing one
/// distribution does not shift the others, and request <c>i</c> is the same whether the requests are read lazily or
/// all at once (<see cref="WorkloadGenerator.Generate"/> reads this stream to its end). A prompt's token ids are drawn
/// when first read, so requests queued but not yet running hold no prompt tokens. The first request of a Poisson
/// or fixed-interval stream arrives at time zero (as vLLM's benchmark client sends it). The stream ends at the request
/// count, or at the first arrival after the duration, whichever comes first; a closed-loop reader can ask for the
/// arrival times to be ignored (<see cref="Open"/>'s <c>timeBounded</c>), and then only the count bounds it.
/// </summary>
public sealed class RequestStream
{
    /// <summary>Diagnostic code: the workload has neither a request count nor a duration.</summary>
    public const string Unbounded = "PLT004";

    private readonly WorkloadPlan _plan;
    private readonly int _vocabulary;
    private readonly IReadOnlyList<TraceRecord>? _trace;
    private readonly double _traceSpeed;
    private readonly IReadOnlyList<DatasetRow>? _dataset;
    private readonly bool _timeBounded;
    private readonly Random _arrivalRandom;
    private readonly Random _lengthRandom;
    private readonly TokenDraws _tokenDraws = new();
    private PromptCheckpoint _checkpoint;
    private int _sinceCheckpoint;

    /// <summary>
    /// Draws between the token stream's checkpoints: a checkpoint (about 320 bytes) is shared by every prompt drawn after
    /// it, and a prompt read out of order replays at most this many draws (about 1-2 us; read in order, none).
    /// </summary>
    private const int CheckpointInterval = 1024;
    private double _nextArrival;
    private bool _ended;

    private RequestStream(WorkloadPlan plan, int vocabulary, IReadOnlyList<TraceRecord>? trace, IReadOnlyList<DatasetRow>? dataset, bool timeBounded)
    {
        _plan = plan;
        _vocabulary = vocabulary;
        _trace = trace;
        _traceSpeed = Speed(plan);
        _dataset = dataset;
        _timeBounded = timeBounded;
        _arrivalRandom = new Random(plan.Seed);
        _lengthRandom = new Random(unchecked(plan.Seed * 31 + 7));
        _checkpoint = new PromptCheckpoint(new SeededTokenRandom(unchecked(plan.Seed * 131 + 17)), _tokenDraws);
    }

    /// <summary>
    /// Steps the prompts' token generator has taken so far, replays included: the prompt generator's work, deterministic.
    /// Prompts read in request order draw each id once, so this is then the sum of the prompts read.
    /// </summary>
    public long TokenDraws => Interlocked.Read(ref _tokenDraws.Count);

    /// <summary>Requests made so far (the next request's id).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// How many requests the stream will make, when that is known before reading it: the request count, or the trace's
    /// rows within the bounds; null when the stream is bounded by a duration over random or periodic arrivals.
    /// </summary>
    public int? Planned { get; private init; }

    /// <summary>
    /// Opens the stream, or returns the diagnostics explaining why it cannot be read (a malformed trace file, or a
    /// workload that never ends).
    /// </summary>
    /// <param name="plan">The workload.</param>
    /// <param name="vocabulary">Vocabulary size; prompt token ids are drawn from <c>[0, vocabulary)</c>.</param>
    /// <param name="baseDirectory">Directory trace paths are relative to (the experiment file's), or null for the current one.</param>
    /// <param name="timeBounded">
    /// False when the reader issues requests on its own schedule (closed loop): arrival times are then meaningless,
    /// only the request count ends the stream, and the reader applies the duration itself.
    /// </param>
    public static (RequestStream? Stream, IReadOnlyList<Diagnostic> Diagnostics) Open(
        WorkloadPlan plan, int vocabulary, string? baseDirectory = null, bool timeBounded = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabulary, 1);
        var diagnostics = new DiagnosticBag();
        IReadOnlyList<TraceRecord>? trace = null;
        if (plan.Arrivals is TraceArrivals file)
        {
            // A compiled plan carries the rows its compiler checked; only a plan built by hand sends the run to the file.
            trace = file.Records ?? TraceReader.Read(baseDirectory is null ? file.Path : Path.Combine(baseDirectory, file.Path), diagnostics);
        }
        else if (plan.Requests is null && (plan.Duration is null || (timeBounded && plan.Arrivals is AllAtOnceArrivals)))
        {
            diagnostics.Add(new Diagnostic(Unbounded, DiagnosticSeverity.Error,
                "the workload never ends: it has no request count" + (plan.Duration is null ? " and no duration" : " and all requests arrive at once"),
                new SourceText("<workload>", string.Empty), new TextSpan(0, 0), "set 'requests N'"));
        }
        var dataset = plan.PromptTokens is DatasetPrompts prompts ? DatasetReader.Read(prompts, baseDirectory, diagnostics) : null;
        if (diagnostics.HasErrors)
        {
            return (null, diagnostics.Sorted());
        }
        var planned = trace is not null ? TraceCount(plan, trace, timeBounded) : plan.Requests;
        return (new RequestStream(plan, vocabulary, trace, dataset, timeBounded) { Planned = planned }, diagnostics.Sorted());
    }

    /// <summary>The next request (ids 0, 1, ... in arrival order), or false when the workload has ended.</summary>
    /// <param name="request">The request.</param>
    /// <param name="beyondBounds">
    /// Continue past the request count and the duration (the seeded streams go on), as a load generator does to reach
    /// the benchmark's minimum query count and duration; only a trace's last row ends the stream then.
    /// </param>
    public bool TryNext([MaybeNullWhen(false)] out ServingRequest request, bool beyondBounds = false)
    {
        request = null;
        if (!TryNextRow(out var row, beyondBounds))
        {
            return false;
        }
        var (promptLength, outputLength) = Lengths(row);
        if (_dataset is not null && _dataset[Count % _dataset.Count].Tokens is { } encoded)
        {
            request = new ServingRequest(Count++, row.Arrival, encoded, outputLength);
            return true;
        }
        // The prompt keeps a checkpoint of the token stream and how far past it its ids begin, and draws them when first
        // read: the ids are those drawn in order, and nothing is drawn now.
        if (_sinceCheckpoint >= CheckpointInterval)
        {
            _checkpoint = new PromptCheckpoint(_checkpoint, _sinceCheckpoint);
            _sinceCheckpoint = 0;
        }
        var prompt = new SeededPrompt(_checkpoint, _sinceCheckpoint, promptLength, _vocabulary);
        _sinceCheckpoint += promptLength;
        request = new ServingRequest(Count++, row.Arrival, prompt, outputLength);
        return true;
    }

    /// <summary>
    /// The next request's prompt and output lengths only, skipping its token ids (to size a cache before a run; the
    /// lengths match <see cref="TryNext"/>'s, since token ids come from their own stream).
    /// </summary>
    public bool TryNextLengths(out int promptTokens, out int outputTokens)
    {
        (promptTokens, outputTokens) = (0, 0);
        if (!TryNextRow(out var row, beyondBounds: false))
        {
            return false;
        }
        (promptTokens, outputTokens) = Lengths(row);
        Count++;
        return true;
    }

    private bool TryNextRow(out TraceRow row, bool beyondBounds)
    {
        row = default;
        if (!beyondBounds && (_ended || (_plan.Requests is { } count && Count >= count)))
        {
            _ended = true;
            return false;
        }
        if (_trace is not null)
        {
            var arrival = Count < _trace.Count ? _trace[Count].Arrival / _traceSpeed : double.PositiveInfinity;
            if (Count >= _trace.Count || (!beyondBounds && _timeBounded && _plan.Duration is { } limit && arrival > limit))
            {
                _ended = true;
                return false;
            }
            var record = _trace[Count];
            row = new TraceRow(arrival, record.PromptTokens, record.OutputTokens);
            return true;
        }
        var time = _nextArrival;
        if (!beyondBounds && _timeBounded && _plan.Duration is { } duration && time > duration)
        {
            _ended = true;
            return false;
        }
        _nextArrival += _plan.Arrivals switch
        {
            AllAtOnceArrivals => 0,
            PoissonArrivals p => LengthSampler.Exponential(p.Rate, _arrivalRandom),
            FixedIntervalArrivals f => f.Interval,
            _ => throw new InvalidOperationException($"Unknown arrival process {_plan.Arrivals}."),
        };
        row = new TraceRow(time, null, null);
        return true;
    }

    private (int Prompt, int Output) Lengths(TraceRow row)
    {
        // A dataset's request i takes row i mod rows: its prompt, and its output length when the row gives one.
        if (_dataset is not null)
        {
            var entry = _dataset[Count % _dataset.Count];
            return (entry.Length, entry.OutputTokens ?? Math.Max(1, LengthSampler.Sample(_plan.OutputTokens, _lengthRandom)));
        }
        var prompt = row.PromptTokens ?? Math.Max(1, LengthSampler.Sample(_plan.PromptTokens, _lengthRandom));
        var output = row.OutputTokens ?? Math.Max(1, LengthSampler.Sample(_plan.OutputTokens, _lengthRandom));
        return (prompt, output);
    }

    // A trace replays on a clock its speed times as fast as the recorded one.
    private static double Speed(WorkloadPlan plan) => plan.Arrivals is TraceArrivals { Speed: var speed } ? speed : 1;

    private static int TraceCount(WorkloadPlan plan, IReadOnlyList<TraceRecord> trace, bool timeBounded)
    {
        var rows = timeBounded && plan.Duration is { } limit ? trace.Count(r => r.Arrival / Speed(plan) <= limit) : trace.Count;
        return plan.Requests is { } count ? Math.Min(count, rows) : rows;
    }
}
