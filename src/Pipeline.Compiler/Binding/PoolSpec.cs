using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>A worker pool as written, before sizing: where to point at its tp, pp and accelerator.</summary>
internal sealed record PoolSpec(PoolRole Role, string Description, int Workers, int TensorParallel, AcceleratorSpec? Accelerator, TextSpan TpSpan, TextSpan AcceleratorSpan)
{
    /// <summary>Pipeline stages per replica (<c>pp</c>).</summary>
    public int PipelineParallel { get; init; } = 1;

    /// <summary>Where <c>pp</c> is written (or the pool's anchor).</summary>
    public TextSpan PpSpan { get; init; }
}
