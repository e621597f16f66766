namespace Pipeline.Serving.Tests;

public sealed class SchedulerAdmissionTests
{
    private static readonly TestPlan Plan = new() { MaxBatchedTokens = 64, BlockSize = 4, KvBlocks = 10 };

    [Fact]
    public void A_request_longer_than_the_context_is_rejected_with_the_numbers()
    {
        var scheduler = Drive.Scheduler(Plan with { Model = TestPlan.Tiny with { ContextLength = 32 } });
        var result = scheduler.Add(Req.Make(0, prompt: 30, output: 5));
        result.Accepted.Should().BeFalse();
        result.Reason.Should().Be("prompt (30) + output (5) tokens exceed the model's context length (32)");
    }

    [Fact]
    public void A_request_larger_than_the_whole_kv_cache_is_rejected()
    {
        var result = Drive.Scheduler(Plan).Add(Req.Make(0, prompt: 30, output: 20));
        result.Reason.Should().Be("needs 13 KV blocks (50 tokens) but the worker's whole cache has 10");
    }

    [Fact]
    public void A_prompt_over_the_token_budget_is_rejected_unless_prefill_is_chunked()
    {
        Drive.Scheduler(Plan with { KvBlocks = 100 }).Add(Req.Make(0, prompt: 65, output: 1)).Reason
            .Should().Be("prompt of 65 tokens exceeds max_batched_tokens (64) and prefill is not chunked");
        Drive.Scheduler(Plan with { KvBlocks = 100, Policy = BatchingPolicy.Chunked }).Add(Req.Make(0, prompt: 65, output: 1))
            .Accepted.Should().BeTrue();
    }

    [Fact]
    public void Rejected_requests_appear_in_the_timelines_with_their_reason()
    {
        var requests = new[] { Req.Make(0, prompt: 8, output: 4), Req.Make(1, prompt: 30, output: 20, arrival: 0.5) };
        var run = ServingDeployment.Simulate(Plan.Execution(), requests);
        run.Timelines[1].Status.Should().Be(RequestStatus.Rejected);
        run.Timelines[1].End.Should().Be(0.5);
        run.Timelines[1].RejectionReason.Should().Contain("whole cache");
        run.Timelines[0].Status.Should().Be(RequestStatus.Completed);
    }

    [Fact]
    public void A_prefill_worker_hands_a_request_off_after_its_first_token_and_keeps_its_blocks_until_released()
    {
        var scheduler = Drive.Scheduler(Plan, prefillOnly: true);
        scheduler.Add(Req.Make(0, prompt: 8, output: 4));
        var (_, update) = Drive.Step(scheduler);
        update.HandedOff.Should().Equal(0);
        update.Tokens.Should().ContainSingle();
        scheduler.HandedOffBlocks(0).Should().HaveCount(2);
        scheduler.Schedule(1).IsEmpty.Should().BeTrue();
        scheduler.ReleaseHandedOff(0);
        scheduler.Kv.UsedBlocks.Should().Be(0);
        scheduler.ActiveCount.Should().Be(0);
    }

    [Fact]
    public void A_decode_worker_accepts_a_transfer_only_when_a_batch_slot_is_free()
    {
        var scheduler = Drive.Scheduler(Plan with { MaxBatch = 1 });
        var first = Req.Make(0, prompt: 4, output: 3);
        scheduler.TryReserveIncoming(first, [.. first.PromptTokens, 5]).Should().HaveCount(1);
        var second = Req.Make(1, prompt: 4, output: 3);
        scheduler.TryReserveIncoming(second, [.. second.PromptTokens, 5]).Should().BeNull();
        scheduler.CompleteIncoming(0);
        Drive.Describe(Drive.Step(scheduler).Batch).Should().Be("0:D");
    }
}
