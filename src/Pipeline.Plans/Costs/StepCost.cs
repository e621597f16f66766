namespace Pipeline.Plans.Costs;

/// <summary>FLOPs and bytes of one forward step on one accelerator shard.</summary>
/// <param name="Flops">Floating-point operations.</param>
/// <param name="Bytes">Bytes moved to and from device memory.</param>
public sealed record StepCost(double Flops, double Bytes)
{
    /// <summary>FLOPs per byte (0 when nothing moves).</summary>
    public double ArithmeticIntensity => Bytes > 0 ? Flops / Bytes : 0;
}
