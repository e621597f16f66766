using System.Text.Json;
using Pipeline.Engine;
using Pipeline.Kernels.Ilgpu;
using Pipeline.Plans;

namespace Pipeline.Benchmarks.Gpu;

/// <summary>
/// The on-device half of issue 12's script (<c>pipeline bench gpu</c>): measures the device (copy and read bandwidth,
/// FMA throughput), checks parity of a random-weight model against the fast CPU backend, times the decode GEMV,
/// prefill GEMM and decode attention kernels, and a Llama-shaped model's prefill and decode rates; then compares the
/// figures with the H200 targets. Runs on CUDA, or on ILGPU's CPU accelerator with small sizes to test the script.
/// </summary>
public static class GpuCheck
{
    /// <summary>The JSON layout of <c>gpu-check.json</c> (camelCase, indented).</summary>
    public static JsonSerializerOptions Json { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Runs every measurement, logging progress to <paramref name="log"/>.</summary>
    public static GpuCheckReport Run(GpuCheckOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Backend is not (LocalBackend.Cuda or LocalBackend.IlgpuCpu)) throw new ArgumentException("The GPU check runs on ILGPU: cuda or ilgpu-cpu.");
        var s = options.Sizes;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Log(string line) => log.WriteLine(FormattableString.Invariant($"[{clock.Elapsed.TotalSeconds,6:F1} s] {line}"));
        using var backend = (IlgpuKernelBackend)BackendFactory.Create(options.Backend);
        Log($"device: {backend.DeviceName}");

        Log("probe: copy, read and FMA kernels ...");
        var probe = backend.Probe();
        var device = new DeviceFigures(probe.CopyBytesPerSecond(s.ProbeFloats, s.Repetitions) / 1e9, probe.ReadBytesPerSecond(s.ProbeFloats, s.Repetitions) / 1e9,
            probe.FmaFlopsPerSecond(s.FmaThreads, s.FmaIterations, s.Repetitions) / 1e9);
        var read = device.ReadGBPerSecond * 1e9;

        Log("parity: random-weight model against the fast CPU backend ...");
        var parity = GpuModelBench.Parity(backend, s, options.Seed);
        Log("kernels: decode GEMV, prefill GEMM, decode attention ...");
        var kernels = new GpuKernelBench(backend, s, options.Seed);
        var gemv = kernels.Gemv(read);
        var gemm = kernels.Gemm(device.FmaGflops * 1e9);
        var attention = kernels.DecodeAttention(read);
        Log("model: prefill and decode rates ...");
        var model = GpuModelBench.Rates(backend, s, options.Seed, read);
        Log("done");
        return new GpuCheckReport(backend.DeviceName, options.Backend == LocalBackend.Cuda ? "cuda" : "cpu", ReferenceEquals(s, GpuCheckSizes.Quick),
            device, parity, gemv, gemm, attention, model, Targets(gemv, gemm, model));
    }

    /// <summary>The H200 targets: GEMV batch 1 at 75% of read bandwidth and batch 32 within 1.5x of it (largest shape, per format), GEMM at 50% of FMA peak, 1B decode at 60% of its roofline.</summary>
    public static IReadOnlyList<TargetCheck> Targets(IReadOnlyList<GemvFigure> gemv, GemmFigure gemm, ModelFigures model)
    {
        ArgumentNullException.ThrowIfNull(gemv);
        ArgumentNullException.ThrowIfNull(gemm);
        ArgumentNullException.ThrowIfNull(model);
        var targets = new List<TargetCheck>();
        var largest = gemv.MaxBy(g => (long)g.K * g.N);
        foreach (var format in gemv.Select(g => g.Format).Distinct())
        {
            var rows = gemv.Where(g => g.Format == format && g.K == largest!.K && g.N == largest.N).ToList();
            var one = rows.FirstOrDefault(g => g.Batch == 1);
            var most = rows.MaxBy(g => g.Batch);
            if (one is null || most is null) continue;
            targets.Add(Check($"gemv {format} {one.K}x{one.N} b1 / read bandwidth", 0.75, one.FractionOfRead, atLeast: true));
            targets.Add(Check($"gemv {format} {one.K}x{one.N} b{most.Batch} time / b1 time", 1.5, most.Microseconds / one.Microseconds, atLeast: false));
        }
        targets.Add(Check($"gemm {gemm.Format} {gemm.M}x{gemm.K}x{gemm.N} / FMA peak", 0.5, gemm.FractionOfFma, atLeast: true));
        targets.Add(Check("model decode b1 / bandwidth roofline", 0.6, model.RooflineFraction, atLeast: true));
        return targets;
    }

    private static TargetCheck Check(string name, double target, double measured, bool atLeast) =>
        new(name, target, measured, atLeast ? measured >= target : measured <= target);
}
