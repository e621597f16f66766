using System.Globalization;
using Pipeline.Acceptance.Drivers;
using Pipeline.Plans;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>Steps that measure prefill and decode on the local engine (features/phases).</summary>
[Binding]
public sealed class PhaseSteps(PhaseDriver phases)
{
    /// <summary>
    /// <c>Given a random-weight Llama model:</c> with a one-row table of <c>layers</c>, <c>hidden</c>, <c>heads</c>,
    /// <c>kv_heads</c>, <c>ffn</c>, <c>vocab</c> (f32, context 4096).
    /// </summary>
    [Given("a random-weight Llama model:")]
    public void GivenARandomWeightModel(Table shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var row = shape.Rows.Single();
        int Get(string name) => int.Parse(row[name], CultureInfo.InvariantCulture);
        phases.UseModel(new ModelArchitecture(Get("layers"), Get("hidden"), Get("heads"), Get("kv_heads"), Get("ffn"),
            Get("vocab"), 4096, 10000, 1e-5, DType.F32));
    }

    /// <summary><c>When a decode step is timed at batch sizes 1 and 16, each with 64 tokens of context</c>.</summary>
    [When("a decode step is timed at batch sizes {int} and {int}, each with {int} tokens of context")]
    public void WhenDecodeIsTimed(int small, int large, int context)
    {
        phases.TimeDecode(small, large, context);
    }

    /// <summary><c>When prefill is timed for prompts of 32 and 512 tokens</c>.</summary>
    [When("prefill is timed for prompts of {int} and {int} tokens")]
    public void WhenPrefillIsTimed(int small, int large)
    {
        phases.TimePrefill(small, large);
    }

    /// <summary><c>Then the step at batch 16 takes less than 6 times as long as the step at batch 1</c>.</summary>
    [Then("the step at batch {int} takes less than {float} times as long as the step at batch {int}")]
    public void ThenDecodeGrowsLessThan(int large, double factor, int small)
    {
        var ratio = phases.DecodeSeconds[large] / phases.DecodeSeconds[small];
        ratio.Should().BeLessThan(factor,
            "a decode step streams every weight once whatever the batch, so it is memory-bound "
            + $"(batch {small}: {Ms(phases.DecodeSeconds[small])}, batch {large}: {Ms(phases.DecodeSeconds[large])})");
    }

    /// <summary><c>Then prefill of 512 tokens takes at least 4 times as long as prefill of 32 tokens</c>.</summary>
    [Then("prefill of {int} tokens takes at least {float} times as long as prefill of {int} tokens")]
    public void ThenPrefillGrowsAtLeast(int large, double factor, int small)
    {
        var ratio = phases.PrefillSeconds[large] / phases.PrefillSeconds[small];
        ratio.Should().BeGreaterThanOrEqualTo(factor,
            "prefill does work for every prompt token, so it is compute-bound "
            + $"({small} tok: {Ms(phases.PrefillSeconds[small])}, {large} tok: {Ms(phases.PrefillSeconds[large])})");
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.00", CultureInfo.InvariantCulture) + " ms";
}
