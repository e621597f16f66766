using Pipeline.Calibration.Fitting;
using Pipeline.Plans;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Calibration.Local;

/// <summary>
/// Fits the local accelerator's cost parameters so the <see cref="ExecutionTimePredictor"/> reproduces measured
/// step times: Levenberg-Marquardt (<see cref="LeastSquares"/>) over relative residuals
/// <c>predicted / measured - 1</c>, each parameter inside its physical range (efficiencies in (0, 1], overheads
/// in [0, 10 ms]). The efficiencies are shares of the local accelerator's nominal figures. The fit is to each shape's
/// typical (median) step; <c>host_stall_share</c> is not fitted but measured: what all the timed steps took beyond
/// their medians (<see cref="MeasuredSteps.StallShare"/>).
/// </summary>
public static class LocalCalibration
{
    /// <summary>The fitted parameters with their ranges, starting from <paramref name="start"/>.</summary>
    public static IReadOnlyList<FittedParameter> Parameters(CostParameters start)
    {
        ArgumentNullException.ThrowIfNull(start);
        // Starting inside the range, away from the bounds, where the logit is not flat.
        static double Share(double v) => Math.Clamp(v, 0.01, 0.3);
        static double Time(double v) => Math.Clamp(v, 1e-7, 5e-3);
        return
        [
            new("gemm_efficiency", Share(start.GemmEfficiency), 1e-4, 1),
            new("attention_efficiency", Share(start.AttentionEfficiency), 1e-4, 1),
            new("bandwidth_efficiency", Share(start.BandwidthEfficiency), 1e-4, 1),
            new("kv_read_efficiency", Share(start.KvReadEfficiency), 1e-4, 1),
            new("kernel_launch", Time(start.KernelLaunch), 0, 1e-3, "us", 1e-6),
            new("step_overhead", Time(start.StepOverhead), 0, 10e-3, "us", 1e-6),
            new("sequence_overhead", Time(start.SequenceOverhead), 0, 1e-3, "us", 1e-6),
        ];
    }

    /// <summary>The cost parameters with the fitted values (in <see cref="Parameters"/>' order) put in.</summary>
    public static CostParameters Apply(CostParameters start, IReadOnlyList<double> v)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(v);
        return start with
        {
            GemmEfficiency = v[0], AttentionEfficiency = v[1], BandwidthEfficiency = v[2], KvReadEfficiency = v[3],
            KernelLaunch = v[4], StepOverhead = v[5], SequenceOverhead = v[6],
        };
    }

    /// <summary>Measures every shape with <paramref name="source"/> and fits.</summary>
    /// <param name="accelerator">The local accelerator (its figures and starting parameters).</param>
    /// <param name="shapes">The shapes to measure.</param>
    /// <param name="source">Where step times come from.</param>
    /// <param name="iterations">Most Levenberg-Marquardt iterations.</param>
    /// <param name="interleaved">Step the shapes in turn (one workload's shapes: <see cref="IStepTimeSource.MeasureSteps"/>) rather than each back to back.</param>
    public static LocalCalibrationResult Run(AcceleratorSpec accelerator, IReadOnlyList<LocalShape> shapes, IStepTimeSource source, int iterations = 200,
        bool interleaved = false)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(source);
        var measured = source.MeasureSteps(shapes, interleaved);
        return Fit(accelerator, shapes, measured.Typical, iterations, measured.StallShare);
    }

    /// <summary>
    /// Fits to typical step times already measured (one per shape, seconds, positive); the result carries
    /// <paramref name="stallShare"/> as its <c>host_stall_share</c> (at least 0; above 1 on a machine so busy the host took more than the steps did).
    /// </summary>
    public static LocalCalibrationResult Fit(AcceleratorSpec accelerator, IReadOnlyList<LocalShape> shapes, IReadOnlyList<double> measured, int iterations = 200,
        double stallShare = 0)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(measured);
        if (shapes.Count != measured.Count || measured.Any(m => !(m > 0)))
        {
            throw new ArgumentException("One positive measured time per shape is needed.", nameof(measured));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(stallShare);
        // The typical steps are fitted without stalls; the measured share goes on after.
        var start = accelerator.Cost with { HostStallShare = 0 };
        var parameters = Parameters(start);
        var stepShapes = shapes.Select(s => s.ToStepShape()).ToArray();
        double[] Predict(double[] values)
        {
            var spec = accelerator with { Cost = Apply(start, values) };
            var predictors = new Dictionary<ModelArchitecture, ExecutionTimePredictor>();
            var result = new double[shapes.Count];
            for (var i = 0; i < shapes.Count; i++)
            {
                var model = shapes[i].Model;
                if (!predictors.TryGetValue(model, out var predictor)) predictors[model] = predictor = new ExecutionTimePredictor(model, spec, 1);
                result[i] = predictor.Seconds(stepShapes[i]);
            }
            return result;
        }
        double[] Residuals(double[] v) => Predict(v).Select((p, i) => p / measured[i] - 1).ToArray();
        // A few deterministic starts (kernel_launch enters through a max, so the surface has flat regions and
        // corners); the best fit wins, each start refined by a second run from where the first stopped.
        double[]? fitted = null;
        var best = double.PositiveInfinity;
        foreach (var starting in Starts(parameters))
        {
            var (values, _) = LeastSquares.Fit(starting, Residuals, iterations, 1e-4);
            var (refined, residuals) = LeastSquares.Fit(starting.Select((p, i) => p with { Initial = Math.Clamp(values[i], p.Minimum + 1e-12, p.Maximum) }).ToArray(), Residuals, iterations, 1e-6);
            var cost = residuals.Sum(r => r * r);
            if (cost < best) (best, fitted) = (cost, refined);
        }
        var predicted = Predict(fitted!);
        var rows = shapes.Select((s, i) => new LocalStepRow(s, measured[i], predicted[i])).ToArray();
        return new LocalCalibrationResult(accelerator with { Cost = Apply(start, fitted!) with { HostStallShare = stallShare } }, parameters, fitted!, rows);
    }

    private static IEnumerable<FittedParameter[]> Starts(IReadOnlyList<FittedParameter> parameters)
    {
        yield return parameters.ToArray();
        foreach (var (share, time) in new[] { (0.03, 100e-6), (0.5, 10e-6) })
        {
            yield return parameters.Select(p => p with { Initial = p.Unit.Length == 0 ? share : Math.Min(time, p.Maximum / 2) }).ToArray();
        }
        // Which kernels sit on the kernel_launch floor changes the surface's basin: a short grid of launch costs
        // around the microsecond finds the one synthetic step times came from (one start alone missed it on the
        // grid with short contexts and small prompts).
        foreach (var launch in new[] { 0.3e-6, 1e-6, 3e-6 })
        {
            yield return parameters.Select(p => p with
            {
                Initial = p.Unit.Length == 0 ? 0.1 : p.Name == "kernel_launch" ? launch : Math.Min(30e-6, p.Maximum / 2),
            }).ToArray();
        }
    }
}
