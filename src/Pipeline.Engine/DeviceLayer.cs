using Pipeline.Kernels;

namespace Pipeline.Engine;

/// <summary>One transformer block's weights on a backend.</summary>
internal sealed record DeviceLayer(
    DeviceTensor AttentionNorm,
    DeviceMatrix Wq,
    DeviceMatrix Wk,
    DeviceMatrix Wv,
    DeviceMatrix Wo,
    DeviceTensor FfnNorm,
    DeviceMatrix WGate,
    DeviceMatrix WUp,
    DeviceMatrix WDown) : IDisposable
{
    public long StreamedBytes =>
        Wq.StoredBytes + Wk.StoredBytes + Wv.StoredBytes + Wo.StoredBytes + WGate.StoredBytes + WUp.StoredBytes + WDown.StoredBytes
        + 4L * (AttentionNorm.Length + FfnNorm.Length);

    public static DeviceLayer Upload(IKernelBackend backend, LayerWeights w)
    {
        var attentionNorm = backend.Allocate(w.AttentionNorm.Length);
        backend.Upload(w.AttentionNorm, attentionNorm);
        var ffnNorm = backend.Allocate(w.FfnNorm.Length);
        backend.Upload(w.FfnNorm, ffnNorm);
        return new DeviceLayer(
            attentionNorm,
            backend.UploadMatrix(w.Wq),
            backend.UploadMatrix(w.Wk),
            backend.UploadMatrix(w.Wv),
            backend.UploadMatrix(w.Wo),
            ffnNorm,
            backend.UploadMatrix(w.WGate),
            backend.UploadMatrix(w.WUp),
            backend.UploadMatrix(w.WDown));
    }

    public void Dispose()
    {
        AttentionNorm.Dispose();
        Wq.Dispose();
        Wk.Dispose();
        Wv.Dispose();
        Wo.Dispose();
        FfnNorm.Dispose();
        WGate.Dispose();
        WUp.Dispose();
        WDown.Dispose();
    }
}
