using Pipeline.Engine.Gguf;
using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>
/// Loads llama-architecture GGUF files (F32, F16, Q8_0, Q4_0, Q4_K, Q5_K and Q6_K tensors, llama.cpp tensor names). Every problem —
/// bad magic or version, truncation, absurd counts or lengths, unknown architecture, a missing or misshapen
/// tensor, an unsupported tensor type — is a <see cref="GgufFormatException"/> naming it.
/// </summary>
public static class GgufModelLoader
{
    /// <summary>Reads the architecture and all weights.</summary>
    public static ModelWeights Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = Open(path);
        return Load(stream);
    }

    /// <summary>Reads the architecture and all weights from a seekable stream holding a GGUF file.</summary>
    public static ModelWeights Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(stream));
        var reader = new BoundedReader(stream);
        var file = GgufFile.Read(reader);
        var architecture = Architecture(file);
        var tensors = new GgufTensorReader(file, reader);
        var a = architecture;
        var layers = new List<LayerWeights>(a.Layers);
        for (var i = 0; i < a.Layers; i++)
        {
            var p = $"blk.{i}.";
            layers.Add(new LayerWeights(
                tensors.Vector(p + "attn_norm.weight", a.Hidden),
                tensors.Matrix(p + "attn_q.weight", a.Hidden, a.Hidden),
                tensors.Matrix(p + "attn_k.weight", a.KvDim, a.Hidden),
                tensors.Matrix(p + "attn_v.weight", a.KvDim, a.Hidden),
                tensors.Matrix(p + "attn_output.weight", a.Hidden, a.Hidden),
                tensors.Vector(p + "ffn_norm.weight", a.Hidden),
                tensors.Matrix(p + "ffn_gate.weight", a.FfnHidden, a.Hidden),
                tensors.Matrix(p + "ffn_up.weight", a.FfnHidden, a.Hidden),
                tensors.Matrix(p + "ffn_down.weight", a.Hidden, a.FfnHidden)));
        }
        var embedding = tensors.Matrix("token_embd.weight", a.Vocab, a.Hidden);
        // Models with tied embeddings have no output.weight; llama.cpp then reuses token_embd.
        var output = tensors.Has("output.weight") ? tensors.Matrix("output.weight", a.Vocab, a.Hidden) : embedding;
        return new ModelWeights(a, embedding, layers, tensors.Vector("output_norm.weight", a.Hidden), output);
    }

    /// <summary>Reads only the architecture (metadata and tensor directory), without loading weights.</summary>
    public static ModelArchitecture ReadArchitecture(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = Open(path);
        return Architecture(GgufFile.Read(new BoundedReader(stream)));
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GgufFormatException($"Cannot open GGUF file '{path}': {ex.Message}", ex);
        }
    }

    private static ModelArchitecture Architecture(GgufFile file)
    {
        var metadata = new GgufMetadata(file.Metadata);
        var name = metadata.String("general.architecture");
        if (name != "llama") throw new GgufFormatException($"Unsupported architecture '{name}' (only 'llama' is supported).");
        var layers = metadata.Int("llama.block_count");
        if (layers > file.Tensors.Count) throw new GgufFormatException($"llama.block_count is {layers} but the file has only {file.Tensors.Count} tensors.");
        var hidden = metadata.Int("llama.embedding_length");
        var heads = metadata.Int("llama.attention.head_count");
        var kvHeads = metadata.Int("llama.attention.head_count_kv", heads);
        if (hidden % heads != 0 || heads % kvHeads != 0) throw new GgufFormatException($"Inconsistent heads: hidden {hidden}, heads {heads}, kv heads {kvHeads}.");
        var embedding = file.Tensors.FirstOrDefault(t => t.Name == "token_embd.weight")
            ?? throw new GgufFormatException("Missing tensor 'token_embd.weight'.");
        if (embedding.Dimensions.Length != 2) throw new GgufFormatException($"Tensor 'token_embd.weight' must be 2-D, has {embedding.Dimensions.Length} dimensions.");
        var vocab = (int)embedding.Dimensions[1];
        var type = (file.Tensors.FirstOrDefault(t => t.Name == "blk.0.attn_q.weight") ?? embedding).Type switch
        {
            GgmlType.F32 => DType.F32,
            GgmlType.F16 => DType.F16,
            _ => DType.FP8, // quantised (Q8_0 to Q4_0): one byte per weight is the closest element size the plans know
        };
        return new ModelArchitecture(
            Layers: layers,
            Hidden: hidden,
            Heads: heads,
            KvHeads: kvHeads,
            FfnHidden: metadata.Int("llama.feed_forward_length"),
            Vocab: vocab,
            ContextLength: metadata.Int("llama.context_length"),
            RopeTheta: metadata.Double("llama.rope.freq_base", 10000.0),
            NormEpsilon: metadata.Double("llama.attention.layer_norm_rms_epsilon", 1e-5),
            WeightType: type);
    }
}
