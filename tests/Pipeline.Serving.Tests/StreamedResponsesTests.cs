namespace Pipeline.Serving.Tests;

/// <summary>Which sequences of a simulated step stream a response to the host (<c>stream_overhead</c>).</summary>
public sealed class StreamedResponsesTests
{
    private static CostModelStepExecutor Executor(bool streams)
    {
        var accelerator = TestPlan.H100 with { Cost = TestPlan.H100.Cost with { StreamOverhead = 1e-3 } };
        var pool = new TestPlan { Accelerator = accelerator }.Execution().Deployment.Pools[0];
        return new CostModelStepExecutor(TestPlan.Llama1B, pool, streamsTokens: streams);
    }

    // Three decoding sequences sample a token each; a prompt chunk that stops short of the prompt's end samples none.
    private static readonly ScheduledSequence[] Step =
    [
        .. Enumerable.Range(0, 3).Select(i => new ScheduledSequence(i, SequencePhase.Decode, 256, [1], [], true)),
        new ScheduledSequence(9, SequencePhase.Prefill, 0, new int[512], [], false),
    ];

    [Fact]
    public void A_streaming_step_pays_the_stream_overhead_for_each_sequence_that_samples_and_not_for_a_partial_chunk()
    {
        // By hand: 3 sampled tokens x 1 ms; the chunk samples nothing.
        (Executor(true).PredictSeconds(Step) - Executor(false).PredictSeconds(Step)).Should().BeApproximately(3e-3, 1e-12);
    }

    [Fact]
    public void The_executed_step_takes_the_streamed_time_too()
    {
        var batch = new ScheduledBatch(1, Step, [], [], []);
        Executor(true).Execute(batch).Seconds.Should().BeApproximately(Executor(true).PredictSeconds(Step), 1e-12);
        (Executor(true).Execute(batch).Seconds - Executor(false).Execute(batch).Seconds).Should().BeApproximately(3e-3, 1e-12);
    }
}
