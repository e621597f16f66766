namespace Pipeline.Calibration.Local;

/// <summary>Where measured step times come from: the real engine, or (in tests) a predictor with known parameters.</summary>
public interface IStepTimeSource
{
    /// <summary>Describes the source (device name) for the printed header.</summary>
    string Device { get; }

    /// <summary>Seconds one step of <paramref name="shape"/> takes, its steps back to back.</summary>
    double Measure(LocalShape shape);

    /// <summary>
    /// Each shape's typical step and the share the timed steps took beyond it (<see cref="MeasuredSteps"/>), the shapes
    /// stepped in turn (<paramref name="interleaved"/>: one workload's shapes) or each back to back.
    /// </summary>
    MeasuredSteps MeasureSteps(IReadOnlyList<LocalShape> shapes, bool interleaved);
}
