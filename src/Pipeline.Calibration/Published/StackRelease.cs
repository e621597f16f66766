namespace Pipeline.Calibration.Published;

/// <summary>
/// A serving-stack release whose kernels and scheduler sustained a different share of the hardware than the release the
/// family was calibrated on: one declared factor per release (never per row), applied to the device efficiencies
/// (<c>gemm_efficiency</c>, <c>kv_read_efficiency</c>) of every row that ran it.
/// </summary>
/// <param name="Mark">Text of the row's <c>software</c> column that names the release.</param>
/// <param name="Factor">Efficiency relative to the calibrated release.</param>
/// <param name="Source">Where the factor comes from.</param>
public sealed record StackRelease(string Mark, double Factor, string Source)
{
    /// <summary>
    /// TensorRT 9.3 with TensorRT-LLM eb8f26c7 (MLPerf v4.0, and Juniper's v4.1 systems) against TensorRT 10.2 with
    /// TensorRT-LLM 2d234357 (v4.1, on which nvidia-hopper is fitted): 0.878, fitted through the simulator
    /// (<c>pipeline calibrate --results mlperf-llama2-70b-v4.tsv --release "TensorRT 9.3"</c>,
    /// <see cref="Pipeline.Calibration.Fitting.ReleaseCalibration"/>) on NVIDIA's own v4.0 Offline rows: H200, H100, H200
    /// at 1,000 W, GH200, H100 NVL and 2x H100. Those rows are therefore fitted, not tested; Dell's v4.0 and Juniper's
    /// v4.1 rows, which ran it too, and every v4.0 Server row are tests. The published per-accelerator ratio of the same
    /// pairs is 0.909 (H200 0.886, H100 0.889, H200 at 1,000 W 0.910, GH200 0.952); used as the factor it left the v4.0
    /// Offline rows 5-6% high, because a step's host cost, communication and clock are not scaled by it.
    /// </summary>
    public static StackRelease TensorRt93 { get; } = new("TensorRT 9.3", 0.878,
        "fitted on NVIDIA's v4.0 Offline rows (pipeline calibrate --release \"TensorRT 9.3\")");

    /// <summary>The declared releases.</summary>
    public static IReadOnlyList<StackRelease> All { get; } = [TensorRt93];

    /// <summary>The release a row ran, when one of <paramref name="releases"/> (<see cref="All"/> when null) names it.</summary>
    public static StackRelease? Of(PublishedResult row, IReadOnlyList<StackRelease>? releases = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (releases ?? All).FirstOrDefault(r => row.Software.Contains(r.Mark, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The cost lines with the device efficiencies scaled by the factor (<see cref="DeviceEfficiencies.Scale"/>): a line
    /// that sets one is scaled, one the lines do not set is added from the <paramref name="defaults"/>, scaled.
    /// </summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<string> cost, Pipeline.Plans.CostParameters defaults) => DeviceEfficiencies.Scale(cost, defaults, Factor);
}
