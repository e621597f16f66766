namespace Pipeline.Calibration.Fitting;

/// <summary>One parameter being fitted, with its physical range (the fit never leaves it).</summary>
/// <param name="Name">The setting's name in the accelerator's <c>cost { }</c> block.</param>
/// <param name="Initial">Starting value.</param>
/// <param name="Minimum">Smallest allowed value (exclusive).</param>
/// <param name="Maximum">Largest allowed value (inclusive).</param>
/// <param name="Unit">Unit to write it with (<c>ms</c>, or empty for a share).</param>
/// <param name="Scale">Base units per written unit (1e-3 for ms).</param>
public sealed record FittedParameter(string Name, double Initial, double Minimum, double Maximum, string Unit = "", double Scale = 1)
{
    /// <summary>The value mapped to an unbounded coordinate (a logit between the bounds).</summary>
    public double ToFree(double value)
    {
        var share = Math.Clamp((value - Minimum) / (Maximum - Minimum), 1e-9, 1 - 1e-9);
        return Math.Log(share / (1 - share));
    }

    /// <summary>The coordinate mapped back into the range.</summary>
    public double FromFree(double free) => Minimum + (Maximum - Minimum) / (1 + Math.Exp(-Math.Clamp(free, -30, 30)));
}
