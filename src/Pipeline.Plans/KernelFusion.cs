namespace Pipeline.Plans;

/// <summary>Which operators a serving runtime fuses into its neighbours' kernels.</summary>
public enum KernelFusion
{
    /// <summary>
    /// A fused profile such as TensorRT-LLM's or vLLM's custom ops: the residual add is fused into the next RMSNorm,
    /// RoPE into the attention kernel and SwiGLU into the gate/up GEMM's epilogue, so those operators cost no extra
    /// memory pass and no launch.
    /// </summary>
    Fused,

    /// <summary>Eager, one kernel per operator of <c>OperatorModel</c>, each reading its inputs and writing its outputs.</summary>
    Unfused,
}
