using Pipeline.Plans;
using Pipeline.Serving.Workload;

namespace Pipeline.Runner.Internal;

/// <summary>
/// The most KV a workload can hold at once, to size execute mode's caches without making the requests: the lengths of
/// every request (read from a second copy of the seeded stream, token ids skipped), summed when they may all be in
/// flight together, or the longest one when a single stream runs them one at a time.
/// </summary>
internal sealed class WorkloadFootprint
{
    private readonly IReadOnlyList<(int Prompt, int Output)> _lengths;
    private readonly bool _oneAtATime;

    private WorkloadFootprint(IReadOnlyList<(int Prompt, int Output)> lengths, bool oneAtATime)
    {
        _lengths = lengths;
        _oneAtATime = oneAtATime;
    }

    /// <summary>
    /// Reads the lengths of the workload's requests, at least <paramref name="minQueries"/> of them (a run goes on to its
    /// minimum query count); an unbounded single stream takes its distributions' maxima.
    /// </summary>
    public static WorkloadFootprint Of(Scenario scenario, WorkloadPlan workload, int vocabulary, int minQueries = 0)
    {
        var oneAtATime = scenario == Scenario.SingleStream;
        if (oneAtATime && workload.Requests is null && workload.Arrivals is not TraceArrivals)
        {
            return new WorkloadFootprint([(workload.PromptTokens.Max, workload.OutputTokens.Max)], true);
        }
        var (stream, _) = RequestStream.Open(workload, vocabulary, timeBounded: !oneAtATime);
        var lengths = new List<(int, int)>();
        while (stream is not null && stream.TryNextLengths(out var prompt, out var output))
        {
            lengths.Add((prompt, output));
        }
        while (stream is not null && lengths.Count < minQueries && stream.TryNext(out var more, beyondBounds: true))
        {
            lengths.Add((more.PromptLength, more.MaxOutputTokens));
        }
        return new WorkloadFootprint(lengths, oneAtATime);
    }

    /// <summary>Blocks of <paramref name="blockSize"/> tokens the workload needs at most at one time.</summary>
    public long Blocks(int blockSize)
    {
        long Of((int Prompt, int Output) r) => (r.Prompt + r.Output + blockSize - 1) / blockSize;
        if (_lengths.Count == 0) return 0;
        return _oneAtATime ? _lengths.Max(Of) : _lengths.Sum(Of);
    }
}
