using Pipeline.Plans;
using Pipeline.Serving.Internal;
using Pipeline.Serving.Observation;

namespace Pipeline.Serving.Accounting;

/// <summary>
/// Accumulates <see cref="ServingMetrics"/> one finished timeline at a time, so a run that streams its timelines
/// (<c>KeepTimelines = false</c>) is measured exactly as one that keeps them. It keeps one double per request for
/// TTFT, TPOT and E2E, and the pooled ITL as a count per distinct gap (a step's gap is shared by every sequence in it,
/// so this grows with the steps, not the tokens, and its statistics are exact); never a timeline. Gaps inside a run of a
/// worker's step times (the loop's timelines) are counted per step-log entry and folded by value when built: 12 bytes a
/// step rather than a hash update per token. As an observer it adds each
/// finished timeline. The formulas are <see cref="ServingMetrics"/>'s (this is their one home).
/// </summary>
public sealed class ServingMetricsBuilder : IServingObserver
{
    private readonly IReadOnlyList<SloLimit> _limits;
    private readonly List<double> _ttft = [];
    private readonly List<double> _tpot = [];
    private readonly Dictionary<double, long> _itl = [];
    // Gaps inside a run of a worker's step log, counted per log entry (an array increment per token, not a hash update);
    // folded into _itl's counts by value when built.
    private readonly Dictionary<double[], int[]> _gapsPerStep = new(ReferenceEqualityComparer.Instance);
    private readonly List<double> _e2e = [];
    private int _arrived;
    private int _completed;
    private int _preemptions;
    private int _good;
    private long _inputTokens;
    private long _outputTokens;
    private double _firstArrival = double.PositiveInfinity;
    private double _lastEnd = double.NegativeInfinity;
    private double _lastArrival;
    private double _finalQueryDone = double.NegativeInfinity;

    /// <summary>A builder that judges <paramref name="slo"/>'s limits, if any.</summary>
    public ServingMetricsBuilder(SloPlan? slo = null) => _limits = slo?.Limits ?? [];

    /// <summary>Adds one finished request.</summary>
    public void Add(RequestTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        _arrived++;
        _preemptions += timeline.Preemptions.Count;
        _firstArrival = Math.Min(_firstArrival, timeline.Arrival);
        _lastEnd = Math.Max(_lastEnd, timeline.End);
        // LoadGen's final query is the last issued; of several issued at the same instant, the last to finish.
        if (timeline.Arrival > _lastArrival || (timeline.Arrival == _lastArrival && timeline.End > _finalQueryDone))
        {
            _finalQueryDone = timeline.End;
        }
        _lastArrival = Math.Max(_lastArrival, timeline.Arrival);
        if (timeline.Ttft is { } ttft) _ttft.Add(ttft);
        if (!timeline.IsCompleted) return;
        _completed++;
        _inputTokens += timeline.PromptTokens;
        _outputTokens += timeline.TokenTimes.Count;
        if (timeline.Tpot is { } tpot) _tpot.Add(tpot);
        var times = timeline.TokenTimes;
        if (times is TokenTimeRuns runs)
        {
            AddGaps(runs);
        }
        else
        {
            for (var i = 1; i < times.Count; i++) CountGap(times[i] - times[i - 1], 1);
        }
        _e2e.Add(timeline.E2e!.Value);
        if (_limits.All(limit => Meets(timeline, limit))) _good++;
    }

    private void CountGap(double gap, long count) => System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_itl, gap, out _) += count;

    /// <summary>A timeline's gaps from its runs of step times: inside a run, one count on the later step's entry.</summary>
    private void AddGaps(TokenTimeRuns runs)
    {
        var previous = double.NaN;
        foreach (var run in runs.Runs)
        {
            if (!double.IsNaN(previous)) CountGap(run.Segment[run.Start] - previous, 1);
            if (run.Count > 1)
            {
                if (!_gapsPerStep.TryGetValue(run.Segment, out var counts)) _gapsPerStep[run.Segment] = counts = new int[run.Segment.Length];
                for (var j = run.Start + 1; j < run.Start + run.Count; j++) counts[j]++;
            }
            previous = run.Segment[run.Start + run.Count - 1];
        }
    }

    /// <summary>The metrics of every request added so far.</summary>
    public ServingMetrics Build()
    {
        var duration = _arrived == 0 ? 0 : _lastEnd - _firstArrival;
        var ttft = new LatencyStats(_ttft);
        var tpot = new LatencyStats(_tpot);
        var itlCounts = new Dictionary<double, long>(_itl);
        foreach (var (segment, counts) in _gapsPerStep)
        {
            for (var j = 1; j < counts.Length; j++)
            {
                if (counts[j] > 0) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(itlCounts, segment[j] - segment[j - 1], out _) += counts[j];
            }
        }
        var itl = LatencyStats.FromCounts(itlCounts);
        var e2e = new LatencyStats(_e2e);
        var verdicts = _limits.Select(limit =>
        {
            var stats = limit.Metric switch
            {
                LatencyMetric.Ttft => ttft,
                LatencyMetric.Tpot => tpot,
                LatencyMetric.Itl => itl,
                _ => e2e,
            };
            var observed = stats.LoadGenPercentile(limit.Percentile);
            return new SloVerdict(limit, observed, _completed > 0 && observed <= limit.Limit);
        }).ToArray();
        return new ServingMetrics(
            _arrived, _completed, _arrived - _completed, _preemptions, duration, _inputTokens, _outputTokens,
            ttft, tpot, itl, e2e, verdicts,
            _arrived == 0 ? 0 : (double)_good / _arrived,
            duration > 0 ? _good / duration : 0)
        {
            LastArrival = _lastArrival,
            FinalQueryDone = _arrived == 0 ? 0 : _finalQueryDone - _firstArrival,
        };
    }

    void IServingObserver.OnStep(WorkerStepRecord step)
    {
    }

    void IServingObserver.OnKvTransfer(KvTransferRecord transfer)
    {
    }

    void IServingObserver.OnRequestFinished(RequestTimeline timeline) => Add(timeline);

    private static bool Meets(RequestTimeline t, SloLimit limit) => limit.Metric switch
    {
        LatencyMetric.Ttft => t.Ttft <= limit.Limit,
        LatencyMetric.Tpot => t.Tpot is not { } tpot || tpot <= limit.Limit,
        LatencyMetric.Itl => new LatencyStats(t.InterTokenLatencies).LoadGenPercentile(limit.Percentile) <= limit.Limit,
        _ => t.E2e <= limit.Limit,
    };
}
