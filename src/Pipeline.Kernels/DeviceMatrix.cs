namespace Pipeline.Kernels;

/// <summary>A weight matrix uploaded to a backend, in whatever format the backend keeps it (see <see cref="IKernelBackend.UploadMatrix"/>).</summary>
public abstract class DeviceMatrix : IDisposable
{
    /// <summary>Output features.</summary>
    public abstract int Rows { get; }

    /// <summary>Input features.</summary>
    public abstract int Cols { get; }

    /// <summary>Bytes the backend reads to stream this matrix once (what a decode step costs in memory traffic).</summary>
    public abstract long StoredBytes { get; }

    /// <inheritdoc />
    public abstract void Dispose();
}
