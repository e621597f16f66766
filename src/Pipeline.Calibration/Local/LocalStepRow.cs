namespace Pipeline.Calibration.Local;

/// <summary>One shape's measured and predicted step time, seconds.</summary>
public sealed record LocalStepRow(LocalShape Shape, double Measured, double Predicted)
{
    /// <summary>predicted / measured - 1.</summary>
    public double Error => Predicted / Measured - 1;
}
