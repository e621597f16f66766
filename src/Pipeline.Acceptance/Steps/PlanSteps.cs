using System.Globalization;
using Pipeline.Acceptance.Drivers;
using Pipeline.Acceptance.Internal;
using Pipeline.Plans;
using Pipeline.Plans.Rendering;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>Steps about the compiled plan: snapshots, and what it says about the cost of each phase (features/plans).</summary>
[Binding]
public sealed class PlanSteps(ExperimentDriver experiment, PathResolver paths)
{
    /// <summary>
    /// <c>Then its plan matches its committed snapshot</c>: the plan's text equals the <c>.plan.txt</c> file beside the
    /// experiment (the snapshots the compiler's conformance tests keep; regenerate them there).
    /// </summary>
    [Then("its plan matches its committed snapshot")]
    public void ThenItsPlanMatchesItsSnapshot() =>
        MatchSnapshot(Path.ChangeExtension(experiment.Source!.Path, ".plan.txt"));

    /// <summary><c>Then its plan matches the snapshot "plans/x.plan.txt"</c>.</summary>
    [Then("its plan matches the snapshot {string}")]
    public void ThenItsPlanMatchesTheSnapshot(string path) => MatchSnapshot(paths.Resolve(path));

    /// <summary>
    /// <c>Then the plan states the FLOPs, bytes and arithmetic intensity of prefill and decode</c>: both phases have
    /// positive FLOPs and bytes, and the plan's text shows all three for each phase, the intensity it shows being the
    /// quotient of the FLOPs and bytes it shows (read back from the text, to rounding).
    /// </summary>
    [Then("the plan states the FLOPs, bytes and arithmetic intensity of prefill and decode")]
    public void ThenThePlanStatesPhaseCosts()
    {
        var costs = experiment.Plan().Execution.Costs;
        foreach (var (name, phase) in new[] { ("prefill", costs.Prefill), ("decode", costs.Decode) })
        {
            phase.Flops.Should().BePositive("the plan states {0} FLOPs", name);
            phase.Bytes.Should().BePositive("the plan states {0} bytes", name);
        }
        var text = PlanTextRenderer.Render(experiment.Plan());
        foreach (var name in new[] { "prefill", "decode" })
        {
            var shown = RenderedPhase.Read(text, $"{name} (whole model)");
            shown.Flops.Should().BePositive("the plan's text states {0} FLOPs", name);
            shown.Bytes.Should().BePositive("the plan's text states {0} bytes", name);
            shown.Intensity.Should().BeApproximately(shown.Flops / shown.Bytes, 0.01 * shown.Intensity,
                "the {0} intensity shown is the FLOPs shown over the bytes shown", name);
        }
    }

    /// <summary><c>Then prefill is compute-bound on its accelerator</c> (or <c>decode is memory-bound ...</c>).</summary>
    [Then("^(prefill|decode) is (compute|memory)-bound on its accelerator$")]
    public void ThenPhaseIsBound(string phaseName, string bound)
    {
        var costs = experiment.Plan().Execution.Costs;
        var phase = phaseName == "prefill" ? costs.Prefill : costs.Decode;
        phase.RidgePoint.Should().NotBeNull("the accelerator's peak FLOP/s and bandwidth give the ridge point");
        phase.IsComputeBound.Should().Be(bound == "compute",
            "{0} does {1} FLOP per byte moved and the ridge point is {2} FLOP/byte",
            phaseName, Number(phase.ArithmeticIntensity), Number(phase.RidgePoint!.Value));
    }

    /// <summary><c>Then the ridge point of its accelerator is 250 FLOP per byte</c>: peak FLOP/s over memory bandwidth.</summary>
    [Then("the ridge point of its accelerator is {float} FLOP per byte")]
    public void ThenTheRidgePointIs(double ridge)
    {
        var costs = experiment.Plan().Execution.Costs;
        costs.Prefill.RidgePoint.Should().NotBeNull();
        costs.Prefill.RidgePoint!.Value.Should().BeApproximately(ridge, ridge * 0.005);
    }

    /// <summary><c>Then prefill's arithmetic intensity is at least 50 times decode's</c>.</summary>
    [Then("prefill's arithmetic intensity is at least {float} times decode's")]
    public void ThenPrefillIntensityIsAtLeast(double factor)
    {
        var costs = experiment.Plan().Execution.Costs;
        costs.Prefill.ArithmeticIntensity.Should().BeGreaterThanOrEqualTo(factor * costs.Decode.ArithmeticIntensity,
            "prefill reuses each weight for every prompt token (prefill {0}, decode {1} FLOP/byte)",
            Number(costs.Prefill.ArithmeticIntensity), Number(costs.Decode.ArithmeticIntensity));
    }

    private void MatchSnapshot(string snapshotPath)
    {
        if (!File.Exists(snapshotPath))
            throw new FileNotFoundException($"the snapshot \"{snapshotPath}\" does not exist: commit the plan text the experiment should match", snapshotPath);
        var compilation = experiment.CompileAsInRepository();
        compilation.Success.Should().BeTrue(string.Join(Environment.NewLine, compilation.Errors.Select(d => d.ToString())));
        var actual = PlanTextRenderer.Render(compilation.Plan!).Split('\n');
        var expected = File.ReadAllText(snapshotPath).ReplaceLineEndings("\n").Split('\n');
        var first = Enumerable.Range(0, Math.Max(actual.Length, expected.Length))
            .FirstOrDefault(i => i >= actual.Length || i >= expected.Length || actual[i] != expected[i], -1);
        first.Should().Be(-1, "the plan should match {0}; first difference at line {1}: expected \"{2}\" but the plan says \"{3}\"",
            snapshotPath, first + 1, first >= 0 && first < expected.Length ? expected[first] : "<end>",
            first >= 0 && first < actual.Length ? actual[first] : "<end>");
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
