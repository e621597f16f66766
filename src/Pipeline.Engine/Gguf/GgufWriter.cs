using System.Text;
using Pipeline.Core.Tokenization;
using Pipeline.Engine.Gguf;
using Pipeline.Kernels;

namespace Pipeline.Engine;

/// <summary>
/// Writes llama-architecture GGUF v3 files that llama.cpp loads: llama.* hyper-parameters, a tokenizer (the one given,
/// SentencePiece-style or BPE, else a minimal SentencePiece-style one: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the 256 byte tokens
/// when the vocabulary has room, then placeholder pieces),
/// and every tensor under its llama.cpp name. Matrices are written in <c>format</c>; norms are always F32.
/// Weights are written as given (GGUF order), with no Q/K row permutation.
/// </summary>
public static class GgufWriter
{
    private const int Alignment = 32;

    /// <summary>Writes <paramref name="weights"/> to <paramref name="path"/>, matrices encoded as <paramref name="format"/>.</summary>
    public static void Write(string path, ModelWeights weights, WeightFormat format = WeightFormat.F32, string name = "pipeline", TokenizerVocabulary? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, weights, format, name, tokenizer);
    }

    /// <summary>Writes the file to a stream; <paramref name="tokenizer"/> (as many tokens as the model's vocabulary) replaces the placeholder one.</summary>
    public static void Write(Stream stream, ModelWeights weights, WeightFormat format = WeightFormat.F32, string name = "pipeline", TokenizerVocabulary? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.FindShapeError() is { } error) throw new ArgumentException($"Weights do not match the architecture: {error}.", nameof(weights));
        var tensors = Tensors(weights, format);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var metadata = GgufMetadataWriter.ForLlama(weights.Architecture, name, Alignment, tokenizer);
        w.Write(0x46554747u);
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write((ulong)metadata.Count);
        foreach (var entry in metadata) entry(w);

        long offset = 0;
        foreach (var (tensorName, dims, type, data) in tensors)
        {
            GgufMetadataWriter.WriteString(w, tensorName);
            w.Write((uint)dims.Length);
            foreach (var d in dims) w.Write((ulong)d);
            w.Write((uint)type);
            w.Write((ulong)offset);
            offset = Align(offset + data.Length);
        }
        Pad(w);
        foreach (var tensor in tensors)
        {
            w.Write(tensor.Data.Span);
            Pad(w);
        }
    }

    private static List<(string Name, long[] Dims, GgmlType Type, ReadOnlyMemory<byte> Data)> Tensors(ModelWeights weights, WeightFormat format)
    {
        var list = new List<(string, long[], GgmlType, ReadOnlyMemory<byte>)>();
        void Matrix(string n, HostMatrix m)
        {
            var encoded = WeightEncoding.Encode(m, format);
            var type = GgmlTypes.Type(encoded.Format);
            list.Add((n, [m.Cols, m.Rows], type, encoded.Data));
        }
        void Vector(string n, float[] v) => list.Add((n, [v.Length], GgmlType.F32, System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()).ToArray()));

        Matrix("token_embd.weight", weights.TokenEmbedding);
        for (var i = 0; i < weights.Layers.Count; i++)
        {
            var l = weights.Layers[i];
            var p = $"blk.{i}.";
            Vector(p + "attn_norm.weight", l.AttentionNorm);
            Matrix(p + "attn_q.weight", l.Wq);
            Matrix(p + "attn_k.weight", l.Wk);
            Matrix(p + "attn_v.weight", l.Wv);
            Matrix(p + "attn_output.weight", l.Wo);
            Vector(p + "ffn_norm.weight", l.FfnNorm);
            Matrix(p + "ffn_gate.weight", l.WGate);
            Matrix(p + "ffn_up.weight", l.WUp);
            Matrix(p + "ffn_down.weight", l.WDown);
        }
        Vector("output_norm.weight", weights.OutputNorm);
        Matrix("output.weight", weights.Output);
        return list;
    }

    private static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var position = w.BaseStream.Position;
        for (var i = position; i < Align(position); i++) w.Write((byte)0);
    }
}
