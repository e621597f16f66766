using Pipeline.Plans.Catalog;

namespace Pipeline.Plans.Costs;

/// <summary>
/// How fast an accelerator's compute units run under its power limit, relative to its datasheet peak: the one home of
/// the power model (<see cref="AcceleratorSpec.ComputeScale"/>).
/// <para>
/// Board power splits into a part that does not follow the compute clock (<see cref="CostParameters.StaticPower"/>:
/// HBM, I/O, leakage, regulator losses) and the compute units' dynamic power, <c>P ~ C V^2 f</c> with <c>V ~ f</c>,
/// so <c>f ~ P^(1/3)</c>. The family's reference part (<see cref="CostParameters.ClockReference"/>, the part its
/// efficiencies were fitted on) runs its datasheet clock at its rated power, so its units' dynamic power at that clock
/// is <c>rated - static</c>. Another part of the family (the same die binned or cooled differently) needs, for its own
/// datasheet clock, that power times its units over the reference's and the cube of its per-unit rate over the
/// reference's; what its power limit leaves after the static share sets its clock:
/// <c>scale = cbrt((power - static) / ((rated_ref - static) x units / units_ref x (rate / rate_ref)^3))</c>.
/// </para>
/// <para>
/// With no reference the part is its own, and with no static power this is <c>cbrt(power / rated)</c>. 1 when the
/// power is unknown.
/// </para>
/// </summary>
public static class SustainedClock
{
    /// <summary>Least scale: a power limit at or under the static share would stop the clock.</summary>
    public const double Floor = 0.05;

    /// <summary>Compute throughput relative to the datasheet peak at the accelerator's power limit (or rated power).</summary>
    public static double Scale(AcceleratorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if ((spec.Power ?? spec.RatedPower) is not { } power || power <= 0) return 1;
        var reference = Reference(spec);
        if (reference.RatedPower is not { } referenceRated || referenceRated <= 0) return 1;
        var staticPower = spec.Cost.StaticPower;
        var referenceDynamic = referenceRated - staticPower;
        if (referenceDynamic <= 0) return Floor;
        var rate = UnitRate(spec) / UnitRate(reference);
        var demand = referenceDynamic * Math.Max(1, spec.ComputeUnits) / Math.Max(1, reference.ComputeUnits) * rate * rate * rate;
        var available = power - staticPower;
        return available <= 0 ? Floor : Math.Max(Floor, Math.Cbrt(available / demand));
    }

    /// <summary>The part whose rated power holds its datasheet clock: the family's reference, or the part itself.</summary>
    public static AcceleratorSpec Reference(AcceleratorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Cost.ClockReference is { } name && name != spec.Name && AcceleratorCatalog.TryGet(name, out var reference) ? reference : spec;
    }

    // Per-unit dense rate, proportional to the clock within a family (bf16: every tensor-core part has it).
    private static double UnitRate(AcceleratorSpec spec) =>
        (spec.PeakFlops(DType.BF16) ?? spec.DenseFlops.Values.DefaultIfEmpty(1).Max()) / Math.Max(1, spec.ComputeUnits);
}
