namespace Pipeline.Serving.Tests;

/// <summary>
/// What a simulated decode step allocates per sequence, counted in bytes on this thread (deterministic: no timing). The
/// per-sequence figure is the difference between a large and a small batch over the same steps, so fixed per-step costs
/// cancel: the step's array of <see cref="ScheduledSequence"/> values (40 bytes each), the sampled ids and tokens (8) and
/// the emitted tokens (8). A sequence as an object (56 bytes plus its slot) or a copied token or block list per step
/// would exceed the bound.
/// </summary>
public sealed class SimulatedStepAllocationTests
{
    [Fact]
    public void A_simulated_decode_step_allocates_at_most_64_bytes_per_sequence()
    {
        var perSequence = (double)(DecodeBytes(sequences: 512) - DecodeBytes(sequences: 64)) / ((512 - 64) * Steps);

        perSequence.Should().BeLessThanOrEqualTo(64);
        perSequence.Should().BeGreaterThanOrEqualTo(40, "the step's sequences are an array of 40-byte values");
    }

    private const int Steps = 20;

    private static long DecodeBytes(int sequences)
    {
        var plan = new TestPlan { MaxBatch = 1024, MaxBatchedTokens = 65536, KvBlocks = 65536 };
        var executor = new CostModelStepExecutor(TestPlan.Llama1B, plan.Execution().Deployment.Pools[0]);
        var scheduler = Drive.Scheduler(plan);
        for (var i = 0; i < sequences; i++) scheduler.Add(Req.Make(i, prompt: 40, output: 1000));
        for (var i = 0; i < 8; i++) Step(scheduler, executor); // prefill, then decodes: every list has its room
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Steps; i++) Step(scheduler, executor);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Step(Scheduler scheduler, CostModelStepExecutor executor)
    {
        var batch = scheduler.Schedule(0);
        scheduler.Update(new StepOutcome(executor.Execute(batch).SampledTokens));
    }
}
