namespace Pipeline.Kernels;

/// <summary>
/// A float32 buffer owned by a backend (device memory on a GPU, a pinned array on the CPU).
/// Shapes are given to each operation; the buffer is flat. Only the backend that made it may use it.
/// </summary>
public abstract class DeviceTensor : IDisposable
{
    /// <summary>Number of float elements.</summary>
    public abstract int Length { get; }

    /// <inheritdoc />
    public abstract void Dispose();
}
