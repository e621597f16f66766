using System.Collections.Concurrent;
using LLama;
using LLama.Native;
using Pipeline.Engine.Tests.Conformance;
using Pipeline.Plans;

namespace Pipeline.Engine.Tests.Quantized;

/// <summary>
/// GGUF files quantised by llama.cpp's own quantiser (through LLamaSharp) from an f32 file our writer produces:
/// hidden 256 and ffn 512 so every row is a whole 256-value super-block and the k-quant types really appear
/// (llama.cpp falls back to Q5_0/Q8_0 for rows that are not). Made once per ftype for the test run.
/// </summary>
public static class LlamaQuantizedFiles
{
    /// <summary>The shape all quantised files share.</summary>
    public static readonly ModelArchitecture Architecture = TestModels.Tiny(hidden: 256, heads: 4, kvHeads: 2, layers: 2, ffn: 512, vocab: 300, context: 128);

    private static readonly string Directory = System.IO.Directory.CreateTempSubdirectory("pipeline-quant-").FullName;
    private static readonly ConcurrentDictionary<LLamaFtype, Lazy<string>> Files = new();
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = System.IO.Path.Combine(Directory, "f32.gguf");
        GgufWriter.Write(path, RandomWeightsGenerator.Generate(Architecture, seed: 13));
        return path;
    });

    /// <summary>The path of the file llama.cpp quantised to <paramref name="ftype"/>.</summary>
    public static string Path(LLamaFtype ftype) => Files.GetOrAdd(ftype, f => new Lazy<string>(() =>
    {
        var path = System.IO.Path.Combine(Directory, $"{f}.gguf");
        NativeApi.llama_empty_call(); // the quantiser's P/Invoke does not load the native library by itself
        NativeLogConfig.llama_log_set((_, _) => { });
        // quantizeOutputTensor: the LM head is quantised too (Q6_K in Q4_K_M), as in downloaded files.
        if (!LLamaQuantizer.Quantize(Source.Value, path, f, nthread: 2, quantizeOutputTensor: true)) throw new InvalidOperationException($"llama.cpp could not quantise to {f}.");
        return path;
    })).Value;
}
