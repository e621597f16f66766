using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>A worker pool as written, before sizing: where to point at its tp and accelerator.</summary>
internal sealed record PoolSpec(PoolRole Role, string Description, int Workers, int TensorParallel, AcceleratorSpec? Accelerator, TextSpan TpSpan, TextSpan AcceleratorSpan);
