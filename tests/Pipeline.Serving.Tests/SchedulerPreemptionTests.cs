namespace Pipeline.Serving.Tests;

public sealed class SchedulerPreemptionTests
{
    // 4 blocks of 4 tokens; each request (4 + 8 tokens) needs 3 blocks at its longest, so three cannot all grow.
    private static readonly TestPlan Tight = new() { MaxBatch = 8, MaxBatchedTokens = 100, BlockSize = 4, KvBlocks = 4 };

    private static Scheduler ThreeRequests(TestPlan plan)
    {
        var scheduler = Drive.Scheduler(plan);
        for (var i = 0; i < 3; i++)
        {
            scheduler.Add(Req.Make(i, prompt: 4, output: 8, arrival: i * 0.1));
        }
        return scheduler;
    }

    [Fact]
    public void Recompute_preempts_the_newest_request_first_and_requeues_it_at_the_front()
    {
        var scheduler = ThreeRequests(Tight);
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:P4 1:P4 2:P4");
        var (batch, _) = Drive.Step(scheduler);
        batch.Preempted.Should().Equal(2);
        Drive.Describe(batch).Should().Be("0:D 1:D");
        scheduler.WaitingCount.Should().Be(1);

        var preemptions = new List<int>();
        var order = new List<int>();
        while (scheduler.ActiveCount > 0)
        {
            var (next, update) = Drive.Step(scheduler);
            preemptions.AddRange(next.Preempted);
            order.AddRange(update.Finished);
        }
        preemptions.Should().Equal(1);
        order.Should().Equal(0, 1, 2);
    }

    [Fact]
    public void A_recomputed_request_prefills_its_prompt_and_generated_tokens_again()
    {
        var scheduler = ThreeRequests(Tight);
        Drive.Step(scheduler);
        Drive.Step(scheduler); // request 2 preempted with 1 generated token
        var resumed = Enumerable.Range(0, 40).Select(_ => Drive.Step(scheduler).Batch)
            .SelectMany(b => b.Sequences).First(s => s.RequestId == 2);
        resumed.Phase.Should().Be(SequencePhase.Prefill);
        resumed.StartPosition.Should().Be(0);
        resumed.Tokens.Should().HaveCount(5);
        resumed.Tokens[^1].Should().Be(1004, "the token it sampled before preemption is fed again");
    }

    [Fact]
    public void Swap_copies_the_victims_blocks_out_and_back_in_before_it_resumes()
    {
        var scheduler = ThreeRequests(Tight with { Preemption = PreemptionMode.Swap });
        Drive.Step(scheduler);
        var (batch, _) = Drive.Step(scheduler);
        batch.Preempted.Should().Equal(2);
        batch.SwapOut.Should().ContainSingle().Which.Should().Be(new KvMoveOrder(2, batch.SwapOut[0].Blocks));
        batch.SwapOut[0].Blocks.Should().HaveCount(1);
        ScheduledBatch? swapIn = null;
        for (var i = 0; i < 40 && swapIn is null; i++)
        {
            var next = Drive.Step(scheduler).Batch;
            swapIn = next.SwapIn.Any(o => o.RequestId == 2) ? next : null;
        }
        swapIn.Should().NotBeNull();
        var resumed = swapIn!.Sequences.Single(s => s.RequestId == 2);
        resumed.Phase.Should().Be(SequencePhase.Decode, "its KV came back, so nothing is recomputed");
        resumed.StartPosition.Should().Be(4);
    }

    [Theory]
    [InlineData(BatchingPolicy.Static, PreemptionMode.Recompute)]
    [InlineData(BatchingPolicy.Continuous, PreemptionMode.Recompute)]
    [InlineData(BatchingPolicy.Continuous, PreemptionMode.Swap)]
    [InlineData(BatchingPolicy.Chunked, PreemptionMode.Recompute)]
    [InlineData(BatchingPolicy.Chunked, PreemptionMode.Swap)]
    public void Tiny_caches_under_overload_never_deadlock_and_every_request_is_accounted_for(BatchingPolicy policy, PreemptionMode mode)
    {
        var random = new Random(11);
        var requests = Enumerable.Range(0, 60)
            .Select(i => Req.Make(i, prompt: random.Next(1, 40), output: random.Next(1, 30), arrival: i * 0.01))
            .ToArray();
        var plan = Tight with { Policy = policy, Preemption = mode, KvBlocks = 12, MaxBatchedTokens = 32, Model = TestPlan.Llama1B };
        var run = ServingDeployment.Simulate(plan.Execution(), requests);
        var metrics = ServingMetrics.From(run.Timelines);
        (metrics.Completed + metrics.Rejected).Should().Be(60);
        metrics.Rejected.Should().Be(run.Timelines.Count(t => t.RejectionReason is not null));
        run.Timelines.Where(t => t.IsCompleted).Should().OnlyContain(t => t.OutputTokens.Count == t.MaxOutputTokens);
        if (policy != BatchingPolicy.Static)
        {
            metrics.Preemptions.Should().BePositive("the cache is far too small for the load");
        }
    }
}
