namespace Pipeline.Plans;

/// <summary>
/// Harness-side batching in front of a pool: arrivals are held and sent to one worker together, when
/// <paramref name="MaxQueries"/> are held or <paramref name="Window"/> has passed since the last group left (AMD's
/// MLPerf v4.1 Server harness: <c>--enable-batcher</c>, at most 96 queries, 0.3 s). A group goes to the worker the
/// routing policy picks, so a replica receives bursts instead of a stream: its prompts share one prefill step, and
/// every query waits up to a window before any worker sees it.
/// </summary>
/// <param name="MaxQueries">Most queries a group carries; a fuller queue leaves in several groups at once.</param>
/// <param name="Window">Seconds after the last group left before whatever is held leaves.</param>
public sealed record ArrivalGathering(int MaxQueries, double Window) : ArrivalDispatch;
