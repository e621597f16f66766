using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fitting;

/// <summary>A family's fitted parameters and how its rows compare with them.</summary>
/// <param name="Family">The accelerator family.</param>
/// <param name="Settings">The fitted <c>cost { }</c> lines.</param>
/// <param name="Comparisons">Its rows, predicted with the fitted parameters.</param>
/// <param name="Workload">The workload the comparisons ran (its prompt mean fitted when the plan said so).</param>
public sealed record CalibrationResult(string Family, IReadOnlyList<string> Settings, IReadOnlyList<ResultComparison> Comparisons, MlperfWorkload? Workload = null);
