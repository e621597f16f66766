namespace Pipeline.Kernels.Counting;

/// <summary>
/// What a run of kernels asked of the machine, counted from the operations' shapes (never timed): deterministic
/// measures of cost that tests can assert exactly on any machine, however loaded.
/// </summary>
/// <param name="MatrixProducts">Calls of <see cref="IKernelBackend.Gemm"/> and <see cref="IKernelBackend.Gemv"/>.</param>
/// <param name="WeightBytesStreamed">
/// Weight bytes those products read: each call streams its matrix once (<see cref="DeviceMatrix.StoredBytes"/>),
/// whatever its number of rows, as the <see cref="IKernelBackend.Gemv"/> contract states.
/// </param>
/// <param name="MatrixFlops">Floating-point operations of those products: <c>2 * rows * W.Rows * W.Cols</c> each.</param>
public sealed record KernelTraffic(long MatrixProducts, long WeightBytesStreamed, long MatrixFlops)
{
    /// <summary>Nothing counted yet.</summary>
    public static KernelTraffic None { get; } = new(0, 0, 0);

    /// <summary>What was counted between <paramref name="earlier"/> and this.</summary>
    public KernelTraffic Since(KernelTraffic earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(MatrixProducts - earlier.MatrixProducts, WeightBytesStreamed - earlier.WeightBytesStreamed, MatrixFlops - earlier.MatrixFlops);
    }
}
