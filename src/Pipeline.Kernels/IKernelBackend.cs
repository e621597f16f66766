namespace Pipeline.Kernels;

/// <summary>
/// The one seam between the transformer and its kernels. Every backend (ILGPU CPU accelerator, ILGPU CUDA,
/// the fast CPU backend) implements these operations with identical semantics, so the model code and the
/// whole test suite run unchanged on each. Tensors are float32, row-major; shapes are stated per operation.
/// Operations may run asynchronously on the device; <see cref="Download"/> and <see cref="Synchronize"/> wait.
/// </summary>
public interface IKernelBackend : IDisposable
{
    /// <summary>Human-readable device description, e.g. <c>ilgpu-cpu (CPUAccelerator)</c> or <c>cuda (NVIDIA H100)</c>.</summary>
    string DeviceName { get; }

    /// <summary>Allocates a zero-filled float tensor.</summary>
    DeviceTensor Allocate(int length);

    /// <summary>Copies host floats into the start of <paramref name="destination"/>.</summary>
    void Upload(ReadOnlySpan<float> source, DeviceTensor destination);

    /// <summary>Copies the first <c>destination.Length</c> floats of <paramref name="source"/> to the host (waits for pending work).</summary>
    void Download(DeviceTensor source, Span<float> destination);

    /// <summary>Uploads a weight matrix; the backend may keep it quantised or dequantise it (documented per backend).</summary>
    DeviceMatrix UploadMatrix(HostMatrix matrix);

    /// <summary>Allocates a paged KV cache.</summary>
    PagedKvCache CreateKvCache(KvCacheShape shape);

    /// <summary>Waits until all queued work has finished (for timing).</summary>
    void Synchronize();

    /// <summary><c>output[i, :] = table[tokens[i], :]</c>; table is <c>[vocab, hidden]</c>, output <c>[tokens.Length, hidden]</c>.</summary>
    void Embed(ReadOnlySpan<int> tokens, DeviceMatrix table, DeviceTensor output);

    /// <summary><c>output[r, :] = input[r, :] / sqrt(mean(input[r, :]^2) + eps) * weight</c> for <paramref name="rows"/> rows of width <paramref name="dim"/>.</summary>
    void RmsNorm(DeviceTensor input, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps);

    /// <summary>
    /// Prefill path: <c>output[rows, W.Rows] = input[rows, W.Cols] * W^T</c> with a cache/shared-memory tiled GEMM,
    /// for many rows (tokens) at once.
    /// </summary>
    void Gemm(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output);

    /// <summary>
    /// Decode path: the same product for a few rows (one token per sequence), streaming each weight row once
    /// for the whole batch (batched matrix-vector / skinny GEMM).
    /// </summary>
    void Gemv(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output);

    /// <summary>
    /// Rotary embedding in place on <c>x[rows, heads * headDim]</c>, llama.cpp's "normal" (LLAMA) convention:
    /// adjacent pairs <c>(2i, 2i+1)</c> rotate by <c>positions[r] * theta^(-2i/headDim)</c>.
    /// </summary>
    void Rope(DeviceTensor x, ReadOnlySpan<int> positions, int heads, int headDim, float theta);

    /// <summary><c>output[i] = silu(gate[i]) * up[i]</c> for <paramref name="length"/> elements.</summary>
    void SwiGlu(DeviceTensor gate, DeviceTensor up, DeviceTensor output, int length);

    /// <summary><c>accumulator[i] += addend[i]</c> for <paramref name="length"/> elements (residual add).</summary>
    void Add(DeviceTensor accumulator, DeviceTensor addend, int length);

    /// <summary>
    /// The residual add followed by the norm of its result: <c>accumulator += addend</c> over <c>rows x dim</c>, then
    /// <c>output = RmsNorm(accumulator, weight)</c>. A backend may fuse the two into one pass; by default it runs
    /// <see cref="Add"/> then <see cref="RmsNorm"/>.
    /// </summary>
    void AddRmsNorm(DeviceTensor accumulator, DeviceTensor addend, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps)
    {
        Add(accumulator, addend, rows * dim);
        RmsNorm(accumulator, weight, output, rows, dim, eps);
    }

    /// <summary>
    /// Writes <c>k[rows, kvHeads*headDim]</c> and <c>v[...]</c> into layer <paramref name="layer"/> of the cache at
    /// flat slots <c>slots[r] = block * BlockSize + slotInBlock</c>.
    /// </summary>
    void AppendKv(PagedKvCache cache, int layer, DeviceTensor k, DeviceTensor v, ReadOnlySpan<int> slots);

    /// <summary>
    /// Causal grouped-query attention for query rows of one or more sequences that each have several new tokens
    /// (prefill or a prefill chunk): <c>q[totalRows, heads*headDim]</c> → <c>output[totalRows, heads*headDim]</c>,
    /// query head <c>h</c> reading KV head <c>h / (heads / kvHeads)</c>, scale <c>1/sqrt(headDim)</c>.
    /// </summary>
    void PrefillAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output);

    /// <summary>The same attention for sequences with exactly one new token each (decode), parallel over sequences and heads.</summary>
    void DecodeAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output);

    /// <summary><c>output[i, :] = input[rows[i], :]</c> for rows of width <paramref name="width"/> (e.g. the last token of each sequence).</summary>
    void GatherRows(DeviceTensor input, ReadOnlySpan<int> rows, int width, DeviceTensor output);
}
