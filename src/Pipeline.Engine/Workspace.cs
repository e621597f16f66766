using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>Activation buffers for up to <see cref="Capacity"/> packed rows; regrown (never shrunk) on demand.</summary>
internal sealed class Workspace : IDisposable
{
    private Workspace(IKernelBackend backend, ModelArchitecture a, int capacity)
    {
        Capacity = capacity;
        X = backend.Allocate(capacity * a.Hidden);
        Normed = backend.Allocate(capacity * a.Hidden);
        Q = backend.Allocate(capacity * a.Hidden);
        K = backend.Allocate(capacity * a.KvDim);
        V = backend.Allocate(capacity * a.KvDim);
        Attention = backend.Allocate(capacity * a.Hidden);
        Projected = backend.Allocate(capacity * a.Hidden);
        Gate = backend.Allocate(capacity * a.FfnHidden);
        Up = backend.Allocate(capacity * a.FfnHidden);
    }

    public int Capacity { get; }
    public DeviceTensor X { get; }
    public DeviceTensor Normed { get; }
    public DeviceTensor Q { get; }
    public DeviceTensor K { get; }
    public DeviceTensor V { get; }
    public DeviceTensor Attention { get; }
    public DeviceTensor Projected { get; }
    public DeviceTensor Gate { get; }
    public DeviceTensor Up { get; }

    public static Workspace Ensure(Workspace? current, IKernelBackend backend, ModelArchitecture a, int rows)
    {
        if (current is not null && current.Capacity >= rows) return current;
        current?.Dispose();
        return new Workspace(backend, a, BufferGrowth.Capacity(current?.Capacity ?? 0, rows));
    }

    public void Dispose()
    {
        X.Dispose();
        Normed.Dispose();
        Q.Dispose();
        K.Dispose();
        V.Dispose();
        Attention.Dispose();
        Projected.Dispose();
        Gate.Dispose();
        Up.Dispose();
    }
}
