using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fitting;

/// <summary>
/// What a family calibration fits and against what. <see cref="Default"/> is throughput only (the two efficiencies
/// tokens/s identifies). With <see cref="MeanTpot"/> each Server row whose mean TPOT is published (LoadGen's
/// summaries, joined by <c>PublishedMeans</c>) adds the log ratio of predicted to published mean TPOT, so a parameter
/// that sets where a run sits below saturation (the workload's prompt mean, a prefill efficiency, a per-step cost)
/// becomes identifiable. With <see cref="HeldBatchTpot"/> the mean TPOT is instead compared where the published run
/// sat, with its batch held (<c>PublishedBatchTpots</c>): the step's cost at that batch, which a parameter moves by
/// what it costs there, not by how far it moves a run near saturation. The p99s are never fitted: they are the test.
/// </summary>
/// <param name="Parameters">Names of the fitted parameters, from <see cref="Known"/>.</param>
/// <param name="MeanTpot">Fit the Server rows' mean TPOT at the published rate beside every row's tokens/s.</param>
/// <param name="HeldBatchTpot">Fit the Server rows' mean TPOT at the published batch beside every row's tokens/s.</param>
public sealed record FitPlan(IReadOnlyList<string> Parameters, bool MeanTpot, bool HeldBatchTpot = false)
{
    /// <summary>Throughput only: gemm and kv_read efficiencies.</summary>
    public static FitPlan Default { get; } = new(["gemm_efficiency", "kv_read_efficiency"], false);

    /// <summary>
    /// The parameters a fit may vary, with their physical ranges: efficiencies in (0.1 or 0.2, 1]; the host's step
    /// overhead in [0, 50 ms]; the share of a GEMM's compute and streaming not overlapped in [0, 1]; static power in [0, 0.95 x the least rated power of the parts sharing the clock reference]; the host's cost of a streamed response in [0, 200 us]; the data set's prompt-length mean (a workload property, one for all rows) within the
    /// data set's limits, [50, 1000] tokens.
    /// </summary>
    public static FittedParameter Known(string name, Pipeline.Plans.CostParameters start, MlperfWorkload workload) => name switch
    {
        "gemm_efficiency" => new(name, start.GemmEfficiency, 0.2, 1),
        "kv_read_efficiency" => new(name, start.KvReadEfficiency, 0.2, 1),
        "attention_efficiency" => new(name, start.AttentionEfficiency, 0.1, 1),
        "step_overhead" => new(name, start.StepOverhead, 0, 0.05, "ms", 1e-3),
        // A start on a bound has no slope in the fit's logit coordinate: these two default to 0 off nvidia-hopper, so
        // 0 starts at 10 us and at a share of 0.5 instead.
        "stream_overhead" => new(name, start.StreamOverhead > 0 ? start.StreamOverhead : 10e-6, 0, 200e-6, "us", 1e-6),
        "gemm_serial_share" => new(name, start.GemmSerialShare > 0 ? start.GemmSerialShare : 0.5, 0, 1),
        PromptMean => new(name, workload.PromptMean, 50, 1000, "tok"),
        // Below the least rated power of the parts clocked from the same reference: every one must keep a clock.
        "static_power" => new(name, start.StaticPower > 0 ? start.StaticPower : 100, 0, 0.95 * LeastRatedPower(start), "W"),
        _ => throw new ArgumentException($"'{name}' cannot be fitted (gemm_efficiency, gemm_serial_share, kv_read_efficiency, attention_efficiency, step_overhead, stream_overhead, static_power, {PromptMean})", nameof(name)),
    };

    private static double LeastRatedPower(Pipeline.Plans.CostParameters start) =>
        Pipeline.Plans.Catalog.AcceleratorCatalog.Names
            .Select(n => Pipeline.Plans.Catalog.AcceleratorCatalog.TryGet(n, out var s) ? s : null)
            .Where(s => s is not null && s.Cost.ClockReference is not null && s.Cost.ClockReference == start.ClockReference && s.RatedPower is not null)
            .Select(s => s!.RatedPower!.Value)
            .DefaultIfEmpty(1000).Min();

    /// <summary>The workload parameter's name.</summary>
    public const string PromptMean = "prompt_mean";
}
