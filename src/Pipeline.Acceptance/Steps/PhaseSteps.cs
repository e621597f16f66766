using System.Globalization;
using Pipeline.Acceptance.Drivers;
using Pipeline.Kernels.Counting;
using Pipeline.Plans;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>Steps that count what prefill and decode ask of the local engine (features/phases).</summary>
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

    /// <summary><c>When a decode step runs at batch sizes 1 and 4, each with 32 tokens of context</c>.</summary>
    [When("a decode step runs at batch sizes {int} and {int}, each with {int} tokens of context")]
    public void WhenDecodeRuns(int small, int large, int context) => phases.RunDecode(small, large, context);

    /// <summary><c>When prefill runs for prompts of 32 and 256 tokens</c>.</summary>
    [When("prefill runs for prompts of {int} and {int} tokens")]
    public void WhenPrefillRuns(int small, int large) => phases.RunPrefill(small, large);

    /// <summary><c>Then the step at batch 4 streams the same weight bytes as the step at batch 1</c>.</summary>
    [Then("the step at batch {int} streams the same weight bytes as the step at batch {int}")]
    public void ThenDecodeStreamsTheSameBytes(int large, int small) =>
        phases.Decode[large].WeightBytesStreamed.Should().Be(phases.Decode[small].WeightBytesStreamed,
            "a decode step streams every weight once whatever the batch");

    /// <summary><c>Then the step at batch 4 does 4 times the matrix FLOPs of the step at batch 1</c>.</summary>
    [Then("the step at batch {int} does {int} times the matrix FLOPs of the step at batch {int}")]
    public void ThenDecodeFlopsScale(int large, int factor, int small) =>
        phases.Decode[large].MatrixFlops.Should().Be(factor * phases.Decode[small].MatrixFlops,
            "each sequence multiplies its own row by every weight");

    /// <summary><c>Then the step at batch 4 does at most 2 FLOPs per weight byte</c>: far below any machine's ridge point.</summary>
    [Then("the step at batch {int} does at most {float} FLOPs per weight byte")]
    public void ThenDecodeIntensityIsAtMost(int batch, double limit) =>
        Intensity(phases.Decode[batch]).Should().BeLessThanOrEqualTo(limit, "decode is memory-bound");

    /// <summary><c>Then prefill of 256 tokens does at least 7.9 times the matrix FLOPs of prefill of 32 tokens</c>.</summary>
    [Then("prefill of {int} tokens does at least {float} times the matrix FLOPs of prefill of {int} tokens")]
    public void ThenPrefillFlopsGrow(int large, double factor, int small) =>
        ((double)phases.Prefill[large].MatrixFlops / phases.Prefill[small].MatrixFlops).Should().BeGreaterThanOrEqualTo(factor,
            "prefill does work for every prompt token");

    /// <summary><c>Then prefill of 256 tokens does at least 100 FLOPs per weight byte</c>.</summary>
    [Then("prefill of {int} tokens does at least {float} FLOPs per weight byte")]
    public void ThenPrefillIntensityIsAtLeast(int tokens, double limit) =>
        Intensity(phases.Prefill[tokens]).Should().BeGreaterThanOrEqualTo(limit, "prefill is compute-bound");

    private static double Intensity(KernelTraffic traffic) => (double)traffic.MatrixFlops / traffic.WeightBytesStreamed;
}
