using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// A Server row predicted three times: with the calibrated step, and with the device efficiencies a few per cent
/// lower (a dearer step) and higher (a cheaper one), so the table shows how far the p99 TPOT moves with an error in
/// the step's cost as small as the calibration's own. Near a system's capacity the band is wide: a miss inside it
/// says the operating point, not the step, is what the prediction cannot pin down.
/// </summary>
/// <param name="Row">The published Server result.</param>
/// <param name="Dearer">Predicted with the efficiencies lowered; null when the row was not simulated.</param>
/// <param name="Predicted">Predicted with the calibrated efficiencies.</param>
/// <param name="Cheaper">Predicted with the efficiencies raised.</param>
/// <param name="Skipped">Why the row was not simulated.</param>
public sealed record CostBand(PublishedResult Row, RowPrediction? Dearer, RowPrediction? Predicted, RowPrediction? Cheaper, string? Skipped)
{
    /// <summary>True when the published p99 TPOT lies between the cheaper and the dearer step's (inclusive); null without both or without a published p99.</summary>
    public bool? ContainsPublishedTpot => Row.TpotP99 is { } published && Dearer is { } dearer && Cheaper is { } cheaper
        ? published >= Math.Min(dearer.TpotP99, cheaper.TpotP99) && published <= Math.Max(dearer.TpotP99, cheaper.TpotP99)
        : null;

    /// <summary>The band's width over the published p99 TPOT; null without both or without a published p99.</summary>
    public double? RelativeWidth => Row.TpotP99 is { } published && Dearer is { } dearer && Cheaper is { } cheaper
        ? Math.Abs(dearer.TpotP99 - cheaper.TpotP99) / published
        : null;
}
