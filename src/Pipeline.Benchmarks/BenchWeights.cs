namespace Pipeline.Benchmarks;

/// <summary>
/// The weight files <see cref="CpuBackendBenchmark"/> can run: f32 and f16 as our <see cref="Pipeline.Engine.GgufWriter"/> writes
/// them, the quantised ones made from the f32 file by llama.cpp's own quantiser (as users get them).
/// </summary>
public enum BenchWeights
{
    /// <summary>f32 tensors.</summary>
    F32,
    /// <summary>f16 tensors.</summary>
    F16,
    /// <summary>llama.cpp's Q8_0.</summary>
    Q8_0,
    /// <summary>llama.cpp's Q4_0 (its LM head is Q6_K).</summary>
    Q4_0,
    /// <summary>llama.cpp's Q4_K_M (Q4_K, with Q6_K for the LM head and some attn_v/ffn_down).</summary>
    Q4_K_M,
    /// <summary>llama.cpp's Q5_K_M (Q5_K and Q6_K).</summary>
    Q5_K_M,
    /// <summary>llama.cpp's Q6_K.</summary>
    Q6_K,
}
