namespace Pipeline.Serving.Tests;

/// <summary>Hand-checked step sequences of each batching policy (<c>id:P n</c> = prefill n tokens, <c>id:D</c> = decode).</summary>
public sealed class SchedulerPolicyTests
{
    private static readonly TestPlan Plan = new() { MaxBatch = 8, MaxBatchedTokens = 100, BlockSize = 4, KvBlocks = 64 };

    [Fact]
    public void Continuous_mixed_prefills_a_newcomer_in_the_same_step_as_the_running_decodes()
    {
        var scheduler = Drive.Scheduler(Plan);
        scheduler.Add(Req.Make(0, prompt: 4, output: 3));
        scheduler.Add(Req.Make(1, prompt: 2, output: 2));
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:P4 1:P2");
        scheduler.Add(Req.Make(2, prompt: 3, output: 1));
        var (batch, update) = Drive.Step(scheduler);
        Drive.Describe(batch).Should().Be("0:D 1:D 2:P3");
        update.Finished.Should().Equal(1, 2);
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:D");
        scheduler.ActiveCount.Should().Be(0);
    }

    [Fact]
    public void Continuous_separate_runs_a_newcomers_prefill_in_its_own_step_first()
    {
        var scheduler = Drive.Scheduler(Plan with { PrefillSchedule = PrefillSchedule.Separate });
        scheduler.Add(Req.Make(0, prompt: 4, output: 3));
        scheduler.Add(Req.Make(1, prompt: 2, output: 2));
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:P4 1:P2");
        scheduler.Add(Req.Make(2, prompt: 3, output: 1));
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("2:P3");
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:D 1:D");
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:D");
    }

    [Fact]
    public void Chunked_splits_a_long_prompt_into_chunks_that_ride_behind_the_decodes()
    {
        var scheduler = Drive.Scheduler(Plan with { Policy = BatchingPolicy.Chunked, MaxBatchedTokens = 8 });
        scheduler.Add(Req.Make(0, prompt: 4, output: 3));
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:P4");
        scheduler.Add(Req.Make(1, prompt: 20, output: 2));
        var (batch, _) = Drive.Step(scheduler);
        Drive.Describe(batch).Should().Be("0:D 1:P7");
        batch.Sequences[1].Samples.Should().BeFalse("a partial prompt samples nothing");
        batch.Sequences[1].StartPosition.Should().Be(0);
        var (second, update) = Drive.Step(scheduler);
        Drive.Describe(second).Should().Be("0:D 1:P7");
        second.Sequences[1].StartPosition.Should().Be(7);
        update.Finished.Should().Equal(0);
        var (last, first) = Drive.Step(scheduler);
        Drive.Describe(last).Should().Be("1:P6");
        first.Tokens.Should().ContainSingle().Which.RequestId.Should().Be(1);
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("1:D");
        scheduler.ActiveCount.Should().Be(0);
    }

    [Fact]
    public void Static_waits_for_a_full_batch_or_max_wait_then_decodes_until_the_whole_batch_is_done()
    {
        var scheduler = Drive.Scheduler(Plan with { Policy = BatchingPolicy.Static, MaxBatch = 2, MaxWait = 1.0 });
        scheduler.Add(Req.Make(0, prompt: 4, output: 3));
        var waiting = scheduler.Schedule(0);
        waiting.IsEmpty.Should().BeTrue();
        waiting.WakeAt.Should().Be(1.0);
        scheduler.Add(Req.Make(1, prompt: 2, output: 2));
        Drive.Describe(Drive.Step(scheduler, 0).Batch).Should().Be("0:P4 1:P2");
        scheduler.Add(Req.Make(2, prompt: 3, output: 1, arrival: 0.5));
        Drive.Describe(Drive.Step(scheduler, 1).Batch).Should().Be("0:D 1:D");
        Drive.Describe(Drive.Step(scheduler, 1.2).Batch).Should().Be("0:D");
        scheduler.Schedule(1.3).WakeAt.Should().Be(1.5, "the newcomer waits up to max_wait for company");
        Drive.Describe(Drive.Step(scheduler, 1.5).Batch).Should().Be("2:P3");
    }

    [Fact]
    public void Static_batch_is_limited_by_the_kv_footprint_of_its_members()
    {
        // Each request needs ceil((4 + 4) / 4) = 2 blocks at its longest; 5 blocks hold two of them.
        var scheduler = Drive.Scheduler(Plan with { Policy = BatchingPolicy.Static, MaxBatch = 8 }, blocks: 5);
        for (var i = 0; i < 3; i++)
        {
            scheduler.Add(Req.Make(i, prompt: 4, output: 4));
        }
        Drive.Describe(Drive.Step(scheduler, 10).Batch).Should().Be("0:P4 1:P4");
    }
}
