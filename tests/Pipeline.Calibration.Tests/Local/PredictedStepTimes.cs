using Pipeline.Calibration.Local;
using Pipeline.Plans;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Calibration.Tests.Local;

/// <summary>A fake measurement source: the predictor itself with known parameters, so a fit can be checked against them.</summary>
internal sealed class PredictedStepTimes(AcceleratorSpec accelerator) : IStepTimeSource
{
    public string Device => "synthetic";

    public int Calls { get; private set; }

    public double Measure(LocalShape shape)
    {
        Calls++;
        return new ExecutionTimePredictor(shape.Model, accelerator, 1).Seconds(shape.ToStepShape());
    }
}
