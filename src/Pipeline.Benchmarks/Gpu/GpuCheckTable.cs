using System.Globalization;

namespace Pipeline.Benchmarks.Gpu;

/// <summary>The short text table of a <see cref="GpuCheckReport"/> (<c>gpu-check.txt</c>), invariant culture.</summary>
public static class GpuCheckTable
{
    /// <summary>Writes the table.</summary>
    public static void Write(GpuCheckReport r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        var d = r.DeviceFigures;
        output.WriteLine($"GPU check on {r.Device}{(r.Quick ? " (quick sizes)" : "")}");
        output.WriteLine(F($"device: copy {d.CopyGBPerSecond:F1} GB/s, read {d.ReadGBPerSecond:F1} GB/s, FMA {d.FmaGflops:F1} GFLOP/s"));
        var p = r.Parity;
        output.WriteLine(F($"parity vs {p.Reference}: max relative error {p.MaxRelativeError:E2}, greedy tokens {p.MatchingTokens}/{p.Steps} -> {(p.Passed ? "PASS" : "FAIL")}"));
        output.WriteLine("gemv      K x N          batch   us        GB/s    of read");
        foreach (var g in r.Gemv)
        {
            output.WriteLine(F($"{g.Format,-9} {$"{g.K}x{g.N}",-14} {g.Batch,5} {g.Microseconds,10:F1} {g.GBPerSecond,9:F1} {g.FractionOfRead,8:P0}"));
        }
        var m = r.Gemm;
        output.WriteLine(F($"gemm {m.Format} {m.M}x{m.K}x{m.N}: {m.Microseconds:F1} us, {m.Gflops:F1} GFLOP/s ({m.FractionOfFma:P0} of FMA)"));
        output.WriteLine("attention context  sequences  us        GB/s    of read");
        foreach (var a in r.DecodeAttention)
        {
            output.WriteLine(F($"          {a.Context,7} {a.Sequences,10} {a.Microseconds,10:F1} {a.GBPerSecond,9:F1} {a.FractionOfRead,8:P0}"));
        }
        var model = r.Model;
        output.WriteLine(F($"model ({model.Shape}; {model.Parameters / 1e6:F0}M params, {model.WeightBytes / 1e6:F0} MB streamed): prefill {model.PrefillTokensPerSecond:F0} tok/s"));
        foreach (var rate in model.Decode) output.WriteLine(F($"  decode b{rate.Batch}: {rate.StepMilliseconds:F2} ms/step, {rate.TokensPerSecond:F0} tok/s"));
        output.WriteLine(F($"  decode b1 at {model.RooflineFraction:P0} of the bandwidth roofline"));
        output.WriteLine(r.Accelerator == "cuda" ? "H200 targets:" : "H200 targets (not meaningful off the GPU):");
        foreach (var t in r.Targets) output.WriteLine(F($"  {(t.Met ? "met " : "MISS")} {t.Name}: {t.Measured:F2} (target {t.Target:F2})"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
