namespace Pipeline.Benchmarks.Gpu;

/// <summary>Every figure of one GPU check (written as <c>gpu-check.json</c>). Bandwidths in GB/s (1e9 bytes), throughputs in GFLOP/s.</summary>
public sealed record GpuCheckReport(
    string Device,
    string Accelerator,
    bool Quick,
    DeviceFigures DeviceFigures,
    ParityFigures Parity,
    IReadOnlyList<GemvFigure> Gemv,
    GemmFigure Gemm,
    IReadOnlyList<AttentionFigure> DecodeAttention,
    ModelFigures Model,
    IReadOnlyList<TargetCheck> Targets);

/// <summary>The device's own limits, measured with tiny kernels.</summary>
public sealed record DeviceFigures(double CopyGBPerSecond, double ReadGBPerSecond, double FmaGflops);

/// <summary>A random-weight model on the accelerator against the fast CPU backend on the same weights.</summary>
public sealed record ParityFigures(string Reference, double MaxRelativeError, int Steps, int MatchingTokens, bool Passed);

/// <summary>One decode GEMV: bytes streamed (weights in their format, activations in and out) per second.</summary>
public sealed record GemvFigure(string Format, int K, int N, int Batch, double Microseconds, double GBPerSecond, double FractionOfRead);

/// <summary>The prefill GEMM's rate.</summary>
public sealed record GemmFigure(string Format, int M, int K, int N, double Microseconds, double Gflops, double FractionOfFma);

/// <summary>Decode attention over paged K/V: K and V bytes read per second.</summary>
public sealed record AttentionFigure(int Context, int Sequences, double Microseconds, double GBPerSecond, double FractionOfRead);

/// <summary>The Llama-shaped model: prefill and decode rates and the batch-1 decode step against its bandwidth roofline.</summary>
public sealed record ModelFigures(string Shape, long Parameters, long WeightBytes, double PrefillTokensPerSecond,
    IReadOnlyList<DecodeRate> Decode, double RooflineFraction);

/// <summary>Decode tokens per second at one batch size.</summary>
public sealed record DecodeRate(int Batch, double StepMilliseconds, double TokensPerSecond);

/// <summary>One of the H200 targets against what was measured (only meaningful on the GPU).</summary>
public sealed record TargetCheck(string Name, double Target, double Measured, bool Met);
