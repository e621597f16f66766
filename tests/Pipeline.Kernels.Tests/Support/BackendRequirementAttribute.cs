using Pipeline.Kernels.Ilgpu;

namespace Pipeline.Kernels.Tests.Support;

/// <summary>
/// Put on a concrete subclass of a backend conformance suite: when <see cref="SkipReason"/> is not null, every
/// <see cref="BackendFactAttribute"/> and <see cref="BackendTheoryAttribute"/> it inherits is reported as skipped
/// with that reason (visibly, never as a pass).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class BackendRequirementAttribute : Attribute
{
    /// <summary>Why the suite cannot run on this machine, or null when it can.</summary>
    public abstract string? SkipReason { get; }
}

/// <summary>The suite needs a CUDA device that ILGPU can see.</summary>
public sealed class RequiresCudaAttribute : BackendRequirementAttribute
{
    // Looking for a device creates an ILGPU context: do it once per test process.
    private static readonly Lazy<bool> Available = new(IlgpuKernelBackend.IsCudaAvailable);

    /// <inheritdoc />
    public override string? SkipReason => Available.Value ? null : "this machine has no CUDA GPU (ILGPU finds no CUDA device)";
}
