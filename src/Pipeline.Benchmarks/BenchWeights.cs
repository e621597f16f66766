using LLama;
using LLama.Native;
using Pipeline.Engine;
using Pipeline.Kernels;

namespace Pipeline.Benchmarks;

/// <summary>
/// The weight files <see cref="CpuBackendBenchmark"/> can run: f32 and f16 as our <see cref="GgufWriter"/> writes
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

/// <summary>Writes <see cref="BenchWeights"/> files.</summary>
public static class BenchWeightFiles
{
    /// <summary>Parses a name such as <c>q4_k_m</c> (case-insensitive).</summary>
    public static BenchWeights? Parse(string name) =>
        Enum.TryParse<BenchWeights>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !name.All(char.IsAsciiDigit) ? value : null;

    /// <summary>Writes <paramref name="weights"/> as <paramref name="kind"/> to <paramref name="path"/> (via an f32 file for llama.cpp's quantiser).</summary>
    public static void Write(ModelWeights weights, BenchWeights kind, string path)
    {
        if (kind is BenchWeights.F32 or BenchWeights.F16)
        {
            GgufWriter.Write(path, weights, kind == BenchWeights.F32 ? WeightFormat.F32 : WeightFormat.F16);
            return;
        }
        var source = path + ".f32";
        GgufWriter.Write(source, weights);
        try
        {
            NativeApi.llama_empty_call(); // the quantiser's P/Invoke does not load the native library by itself
            var ftype = kind switch
            {
                BenchWeights.Q8_0 => LLamaFtype.MOSTLY_Q8_0,
                BenchWeights.Q4_0 => LLamaFtype.MOSTLY_Q4_0,
                BenchWeights.Q4_K_M => LLamaFtype.MOSTLY_Q4_K_M,
                BenchWeights.Q5_K_M => LLamaFtype.MOSTLY_Q5_K_M,
                _ => LLamaFtype.MOSTLY_Q6_K,
            };
            // quantizeOutputTensor: llama.cpp quantises the LM head too (Q6_K in Q4_K_M), as in the files people download.
            if (!LLamaQuantizer.Quantize(source, path, ftype, nthread: Environment.ProcessorCount, quantizeOutputTensor: true))
                throw new InvalidOperationException($"llama.cpp could not quantise the model to {kind}.");
        }
        finally
        {
            File.Delete(source);
        }
    }
}
