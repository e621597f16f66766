using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>Prints an <see cref="EngineBenchmarkResult"/> as an aligned plain-text table (invariant culture).</summary>
internal static class EngineBenchmarkTable
{
    public static void Write(EngineBenchmarkResult r, EngineBenchmarkOptions options, TextWriter output)
    {
        var rows = new List<(string Name, string Value)>
        {
            ("device", r.Device),
            ("model", r.Model),
            ("memory bandwidth (triad)", $"{Gb(r.MemoryBandwidth)} GB/s"),
            ("decode b=1 achieved bandwidth", $"{Gb(r.DecodeBytesPerSecond)} GB/s ({F(r.BandwidthFraction * 100, 1)}% of triad)"),
            ($"prefill ({options.PromptLength} tokens)", $"{F(r.PrefillSeconds * 1000, 1)} ms, {F(r.PrefillTokensPerSecond, 1)} tok/s, {F(r.PrefillGflops, 2)} GFLOP/s"),
        };
        foreach (var d in r.Decode)
        {
            rows.Add(($"decode batch {d.Batch}", $"{F(d.StepSeconds * 1000, 2)} ms/step, {F(d.TokensPerSecond, 1)} tok/s"));
        }
        if (r.LlamaCpp is { } l)
        {
            if (l.Error is not null)
            {
                rows.Add(("llama.cpp", $"not run: {l.Error}"));
            }
            else
            {
                rows.Add(("llama.cpp prefill", $"{F(l.PrefillTokensPerSecond, 1)} tok/s (engine/llama.cpp = {F(l.PrefillRatio, 3)})"));
                rows.Add(("llama.cpp decode batch 1", $"{F(l.DecodeTokensPerSecond, 1)} tok/s (engine/llama.cpp = {F(l.DecodeRatio, 3)})"));
            }
        }
        var width = rows.Max(x => x.Name.Length);
        output.WriteLine();
        output.WriteLine($"{"figure".PadRight(width)} | value");
        output.WriteLine($"{new string('-', width)}-+-{new string('-', 40)}");
        foreach (var (name, value) in rows) output.WriteLine($"{name.PadRight(width)} | {value}");
    }

    private static string Gb(double bytesPerSecond) => F(bytesPerSecond / 1e9, 2);

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
