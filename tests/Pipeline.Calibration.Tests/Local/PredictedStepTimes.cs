using Pipeline.Calibration.Local;
using Pipeline.Plans;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Calibration.Tests.Local;

/// <summary>
/// A fake measurement source: the predictor itself with known parameters, so a fit can be checked against them. Its
/// typical steps are the predictor's without stalls; <paramref name="stallShare"/> is what its timed steps took beyond them.
/// </summary>
internal sealed class PredictedStepTimes(AcceleratorSpec accelerator, double stallShare = 0) : IStepTimeSource
{
    private readonly AcceleratorSpec _typical = accelerator with { Cost = accelerator.Cost with { HostStallShare = 0 } };

    public string Device => "synthetic";

    public int Calls { get; private set; }

    public double Measure(LocalShape shape)
    {
        Calls++;
        return new ExecutionTimePredictor(shape.Model, _typical, 1).Seconds(shape.ToStepShape());
    }

    public MeasuredSteps MeasureSteps(IReadOnlyList<LocalShape> shapes, bool interleaved)
    {
        var typical = shapes.Select(Measure).ToArray();
        // Ten timed steps a shape, stalled by the share in all.
        var typicalSeconds = 10 * typical.Sum();
        return new MeasuredSteps(typical, typicalSeconds * (1 + stallShare), typicalSeconds);
    }
}
