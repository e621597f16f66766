namespace Pipeline.Calibration.Local;

/// <summary>Where measured step times come from: the real engine, or (in tests) a predictor with known parameters.</summary>
public interface IStepTimeSource
{
    /// <summary>Describes the source (device name) for the printed header.</summary>
    string Device { get; }

    /// <summary>Seconds one step of <paramref name="shape"/> takes, its steps back to back.</summary>
    double Measure(LocalShape shape);

    /// <summary>Seconds one step of each shape takes, the shapes stepped in turn (by default each measured alone).</summary>
    IReadOnlyList<double> MeasureAll(IReadOnlyList<LocalShape> shapes) => shapes.Select(Measure).ToArray();

    /// <summary>
    /// Each shape's typical step and the share the timed steps took beyond it, the shapes stepped in turn
    /// (<paramref name="interleaved"/>) or each back to back; by default the typical times alone, no stall share.
    /// </summary>
    MeasuredSteps MeasureSteps(IReadOnlyList<LocalShape> shapes, bool interleaved) =>
        MeasuredSteps.WithoutRepeats(interleaved ? MeasureAll(shapes) : shapes.Select(Measure).ToArray());
}
