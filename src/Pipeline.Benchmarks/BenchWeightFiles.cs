using LLama;
using LLama.Native;
using Pipeline.Engine;
using Pipeline.Kernels;

namespace Pipeline.Benchmarks;

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
