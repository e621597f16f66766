namespace Pipeline.Serving.Tests.TestData;

/// <summary>Small request factories.</summary>
internal static class Req
{
    public static ServingRequest Make(int id, int prompt, int output, double arrival = 0) =>
        new(id, arrival, Enumerable.Range(0, prompt).Select(i => (id * 31 + i) % 97).ToArray(), output);
}

/// <summary>An executor whose steps take a fixed or computed time and sample token = 1000 + position.</summary>
internal sealed class FakeExecutor(Func<ScheduledBatch, double> seconds) : IStepExecutor
{
    public FakeExecutor(double seconds = 1.0) : this(_ => seconds)
    {
    }

    public List<ScheduledBatch> Batches { get; } = [];

    public string Device => "fake";

    public StepResult Execute(ScheduledBatch batch)
    {
        Batches.Add(batch);
        var tokens = batch.Sequences.Where(s => s.Samples).ToDictionary(s => s.RequestId, s => 1000 + s.ContextLength);
        return new StepResult(seconds(batch), tokens);
    }

    public KvSnapshot ExportKv(int requestId, IReadOnlyList<int> blocks) => new(requestId, blocks.Count, blocks.Count, 0.5, null);

    public double ImportKv(KvSnapshot snapshot, IReadOnlyList<int> blocks) => 0;

    public void Dispose()
    {
    }
}

/// <summary>Drives a scheduler by hand: schedule, sample token = 1000 + position for each sampler, update.</summary>
internal static class Drive
{
    public static (ScheduledBatch Batch, StepUpdate Update) Step(Scheduler scheduler, double now = 0)
    {
        var batch = scheduler.Schedule(now);
        if (batch.IsEmpty)
        {
            return (batch, new StepUpdate([], [], []));
        }
        var tokens = batch.Sequences.Where(s => s.Samples).ToDictionary(s => s.RequestId, s => 1000 + s.ContextLength);
        return (batch, scheduler.Update(new StepOutcome(tokens)));
    }

    /// <summary>Compact text of a batch: <c>id:P4</c> (prefill 4 tokens) or <c>id:D</c>, in batch order.</summary>
    public static string Describe(ScheduledBatch batch) => string.Join(" ", batch.Sequences.Select(s =>
        s.Phase == SequencePhase.Decode ? $"{s.RequestId}:D" : $"{s.RequestId}:P{s.TokenCount}"));

    public static Scheduler Scheduler(TestPlan plan, int? blocks = null, bool prefillOnly = false) =>
        new(new SchedulerOptions(plan.Batching, blocks ?? plan.KvBlocks, plan.Model.ContextLength, prefillOnly));
}
