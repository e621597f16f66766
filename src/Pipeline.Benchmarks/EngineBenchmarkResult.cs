namespace Pipeline.Benchmarks;

/// <summary>Every figure <see cref="EngineBenchmark.Run"/> printed.</summary>
/// <param name="Device">The backend's device description.</param>
/// <param name="Model">Model description (shape, parameters, weight bytes).</param>
/// <param name="MemoryBandwidth">Host memory bandwidth from a STREAM-like triad, bytes per second.</param>
/// <param name="DecodeBytesPerSecond">Batch-1 decode: (weight bytes + KV bytes read) per step / step time.</param>
/// <param name="BandwidthFraction"><paramref name="DecodeBytesPerSecond"/> / <paramref name="MemoryBandwidth"/>.</param>
/// <param name="PrefillSeconds">Time of one prefill of the prompt.</param>
/// <param name="PrefillTokensPerSecond">Prompt tokens per second.</param>
/// <param name="PrefillGflops">Prefill GFLOP/s (matmuls and attention).</param>
/// <param name="Decode">Decode figures per batch size.</param>
/// <param name="LlamaCpp">llama.cpp's figures on the same weights, when run.</param>
public sealed record EngineBenchmarkResult(
    string Device,
    string Model,
    double MemoryBandwidth,
    double DecodeBytesPerSecond,
    double BandwidthFraction,
    double PrefillSeconds,
    double PrefillTokensPerSecond,
    double PrefillGflops,
    IReadOnlyList<DecodeFigure> Decode,
    LlamaCppFigures? LlamaCpp);

/// <summary>Decode at one batch size.</summary>
/// <param name="Batch">Sequences decoded together per step.</param>
/// <param name="StepSeconds">Time of one decode step.</param>
/// <param name="TokensPerSecond">Batch / step time.</param>
public sealed record DecodeFigure(int Batch, double StepSeconds, double TokensPerSecond);

/// <summary>llama.cpp (through LLamaSharp) on the same GGUF file, and how the engine compares.</summary>
/// <param name="PrefillTokensPerSecond">llama.cpp prompt tokens per second.</param>
/// <param name="DecodeTokensPerSecond">llama.cpp batch-1 decode tokens per second.</param>
/// <param name="PrefillRatio">Engine prefill tokens/s divided by llama.cpp's.</param>
/// <param name="DecodeRatio">Engine batch-1 decode tokens/s divided by llama.cpp's.</param>
/// <param name="Error">Why llama.cpp could not run, if it could not (the other figures are then 0).</param>
public sealed record LlamaCppFigures(double PrefillTokensPerSecond, double DecodeTokensPerSecond, double PrefillRatio, double DecodeRatio, string? Error = null);
