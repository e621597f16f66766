using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>
/// The buffers of the final norm and the LM head for up to <see cref="Capacity"/> logit rows, kept across steps and
/// regrown (never shrunk) on demand. Allocated per step, they were fresh memory every step: on the fast CPU backend
/// each new pinned array faulted its pages in, which cost the tiny model's batch-16 decode step about a tenth of its
/// time (perf: <c>exc_page_fault</c> under the LM head's output and the tensors' allocation).
/// </summary>
internal sealed class LogitBuffers : IDisposable
{
    private LogitBuffers(IKernelBackend backend, ModelArchitecture a, int capacity)
    {
        Capacity = capacity;
        Selected = backend.Allocate(capacity * a.Hidden);
        Normed = backend.Allocate(capacity * a.Hidden);
        Logits = backend.Allocate(capacity * a.Vocab);
    }

    public int Capacity { get; }

    /// <summary>The hidden states of the rows that want logits.</summary>
    public DeviceTensor Selected { get; }

    /// <summary>Those rows after the output norm.</summary>
    public DeviceTensor Normed { get; }

    /// <summary>Their logits (rows x vocab).</summary>
    public DeviceTensor Logits { get; }

    public static LogitBuffers Ensure(LogitBuffers? current, IKernelBackend backend, ModelArchitecture a, int rows)
    {
        if (current is not null && current.Capacity >= rows) return current;
        current?.Dispose();
        // Rows here are sequences wanting logits, not prompt tokens, so these grow apart from the workspace.
        return new LogitBuffers(backend, a, BufferGrowth.Capacity(current?.Capacity ?? 0, rows));
    }

    public void Dispose()
    {
        Selected.Dispose();
        Normed.Dispose();
        Logits.Dispose();
    }
}
