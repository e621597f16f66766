namespace Pipeline.Plans;

/// <summary>Which local compute backend runs kernels when an experiment executes on this machine.</summary>
public enum LocalBackend
{
    /// <summary>CUDA if a GPU is present, else the fast CPU backend.</summary>
    Auto,
    /// <summary>The fast vectorised, multithreaded CPU backend.</summary>
    Cpu,
    /// <summary>ILGPU's CPU accelerator (scalar; for kernel verification).</summary>
    IlgpuCpu,
    /// <summary>ILGPU's CUDA accelerator.</summary>
    Cuda,
}
