namespace Pipeline.Calibration.Fidelity;

/// <summary>One ratio between published results, with the simulator's value for the same ratio.</summary>
/// <param name="Name">What is compared, e.g. <c>v4.1 Offline per accelerator: h200 / h100-sxm</c>.</param>
/// <param name="Published">The published ratio.</param>
/// <param name="Predicted">The predicted ratio.</param>
public sealed record FidelityRatio(string Name, double Published, double Predicted);
