using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fitting;

/// <summary>A stack release with its fitted factor, and its fitting rows predicted with it.</summary>
/// <param name="Release">The release, its factor the fitted one (rounded to three places, as declared).</param>
/// <param name="Comparisons">The fitting rows, predicted with that factor.</param>
public sealed record ReleaseCalibrationResult(StackRelease Release, IReadOnlyList<ResultComparison> Comparisons);
