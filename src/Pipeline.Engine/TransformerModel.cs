using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>
/// A Llama model resident on one <see cref="IKernelBackend"/>: runs batched forward passes over packed
/// sequence chunks against a paged KV cache. Not thread-safe (one forward at a time).
/// </summary>
public sealed class TransformerModel : IDisposable
{
    private readonly DeviceMatrix _embeddingTable;
    private readonly IReadOnlyList<DeviceLayer> _layers;
    private readonly DeviceTensor _outputNorm;
    private readonly DeviceMatrix _output;
    private Workspace? _workspace;
    private LogitBuffers? _logitBuffers;
    private float[] _hostLogits = [];

    private TransformerModel(IKernelBackend backend, ModelArchitecture architecture, DeviceMatrix embeddingTable,
        IReadOnlyList<DeviceLayer> layers, DeviceTensor outputNorm, DeviceMatrix output)
    {
        Backend = backend;
        Architecture = architecture;
        _embeddingTable = embeddingTable;
        _layers = layers;
        _outputNorm = outputNorm;
        _output = output;
        WeightBytes = layers.Sum(l => l.StreamedBytes) + output.StoredBytes + 4L * outputNorm.Length;
    }

    /// <summary>The model's shape.</summary>
    public ModelArchitecture Architecture { get; }

    /// <summary>The backend's device description.</summary>
    public string DeviceName => Backend.DeviceName;

    /// <summary>The backend the weights live on.</summary>
    public IKernelBackend Backend { get; }

    /// <summary>
    /// Bytes of weights the backend streams in one decode step (every block, final norm and LM head, in the
    /// backend's stored format; the embedding table is only gathered, so it is not counted).
    /// </summary>
    public long WeightBytes { get; }

    /// <summary>Uploads <paramref name="weights"/> to <paramref name="backend"/>. The backend stays owned by the caller.</summary>
    public static TransformerModel Create(IKernelBackend backend, ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.FindShapeError() is { } error) throw new ArgumentException($"Weights do not match the architecture: {error}.", nameof(weights));
        var layers = weights.Layers.Select(l => DeviceLayer.Upload(backend, l)).ToList();
        var outputNorm = backend.Allocate(weights.OutputNorm.Length);
        backend.Upload(weights.OutputNorm, outputNorm);
        return new TransformerModel(backend, weights.Architecture, backend.UploadMatrix(weights.TokenEmbedding), layers,
            outputNorm, backend.UploadMatrix(weights.Output));
    }

    /// <summary>Allocates a paged KV cache for this model: <paramref name="blocks"/> blocks of <paramref name="blockSize"/> tokens.</summary>
    public PagedKvCache CreateKvCache(int blocks, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        return Backend.CreateKvCache(new KvCacheShape(Architecture.Layers, blocks, blockSize, Architecture.KvHeads, Architecture.HeadDim));
    }

    /// <summary>
    /// Runs the model over every chunk (packed into one batch), appending their K/V to <paramref name="cache"/>.
    /// Returns the logits (length vocab) of the last position of each chunk with <see cref="SequenceChunk.WantLogits"/>,
    /// in chunk order. When every chunk has one token the decode path (GEMV, decode attention) runs; otherwise
    /// the prefill path (GEMM over all rows; prefill attention for multi-token chunks).
    /// </summary>
    public IReadOnlyList<float[]> Forward(IReadOnlyList<SequenceChunk> chunks, PagedKvCache cache)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(cache);
        if (chunks.Count == 0) return [];
        var batch = ForwardBatch.Build(chunks, cache.Shape, Architecture);
        var a = Architecture;
        _workspace = Workspace.Ensure(_workspace, Backend, a, batch.Rows);
        var w = _workspace;
        var decode = batch.IsDecode;
        var eps = (float)a.NormEpsilon;

        Backend.Embed(batch.Tokens, _embeddingTable, w.X);
        for (var layer = 0; layer < _layers.Count; layer++)
        {
            var l = _layers[layer];
            // The previous layer's FFN residual is added in the same pass as this layer's norm (a fused kernel where the backend has one).
            if (layer == 0) Backend.RmsNorm(w.X, l.AttentionNorm, w.Normed, batch.Rows, a.Hidden, eps);
            else Backend.AddRmsNorm(w.X, w.Projected, l.AttentionNorm, w.Normed, batch.Rows, a.Hidden, eps);
            Linear(decode, w.Normed, batch.Rows, l.Wq, w.Q);
            Linear(decode, w.Normed, batch.Rows, l.Wk, w.K);
            Linear(decode, w.Normed, batch.Rows, l.Wv, w.V);
            Backend.Rope(w.Q, batch.Positions, a.Heads, a.HeadDim, (float)a.RopeTheta);
            Backend.Rope(w.K, batch.Positions, a.KvHeads, a.HeadDim, (float)a.RopeTheta);
            Backend.AppendKv(cache, layer, w.K, w.V, batch.Slots);
            if (batch.PrefillSequences.Count > 0) Backend.PrefillAttention(w.Q, cache, layer, batch.PrefillSequences, a.Heads, w.Attention);
            if (batch.DecodeSequences.Count > 0) Backend.DecodeAttention(w.Q, cache, layer, batch.DecodeSequences, a.Heads, w.Attention);
            Linear(decode, w.Attention, batch.Rows, l.Wo, w.Projected);
            Backend.AddRmsNorm(w.X, w.Projected, l.FfnNorm, w.Normed, batch.Rows, a.Hidden, eps);

            Linear(decode, w.Normed, batch.Rows, l.WGate, w.Gate);
            Linear(decode, w.Normed, batch.Rows, l.WUp, w.Up);
            Backend.SwiGlu(w.Gate, w.Up, w.Gate, batch.Rows * a.FfnHidden);
            Linear(decode, w.Gate, batch.Rows, l.WDown, w.Projected);
        }
        if (_layers.Count > 0) Backend.Add(w.X, w.Projected, batch.Rows * a.Hidden);

        return Logits(batch.LogitRows);
    }

    private IReadOnlyList<float[]> Logits(int[] rows)
    {
        if (rows.Length == 0) return [];
        var a = Architecture;
        var w = _workspace!;
        // Only the rows that want logits go through the final norm and the LM head.
        _logitBuffers = LogitBuffers.Ensure(_logitBuffers, Backend, a, rows.Length);
        var buffers = _logitBuffers;
        Backend.GatherRows(w.X, rows, a.Hidden, buffers.Selected);
        Backend.RmsNorm(buffers.Selected, _outputNorm, buffers.Normed, rows.Length, a.Hidden, (float)a.NormEpsilon);
        Backend.Gemv(buffers.Normed, rows.Length, _output, buffers.Logits);
        var result = new float[rows.Length][];
        if (_hostLogits.Length < rows.Length * a.Vocab) _hostLogits = new float[buffers.Capacity * a.Vocab];
        var host = _hostLogits.AsSpan(0, rows.Length * a.Vocab);
        Backend.Download(buffers.Logits, host);
        for (var i = 0; i < rows.Length; i++) result[i] = host.Slice(i * a.Vocab, a.Vocab).ToArray();
        return result;
    }

    private void Linear(bool decode, DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        if (decode) Backend.Gemv(input, rows, weight, output);
        else Backend.Gemm(input, rows, weight, output);
    }

    /// <summary>Frees the device weights and buffers (not the backend).</summary>
    public void Dispose()
    {
        foreach (var layer in _layers) layer.Dispose();
        _embeddingTable.Dispose();
        _outputNorm.Dispose();
        _output.Dispose();
        _workspace?.Dispose();
        _logitBuffers?.Dispose();
    }
}
