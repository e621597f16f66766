using Pipeline.Kernels.Ilgpu;
using Xunit.Sdk;

namespace Pipeline.Kernels.Tests.Support;

public sealed class BackendRequirementTests
{
    [Fact]
    public void A_cuda_suite_has_a_skip_reason_exactly_when_ilgpu_finds_no_cuda_device()
    {
        var reason = BackendRequirement.SkipReason(MethodOf(typeof(IlgpuCudaKernelTests)));
        if (IlgpuKernelBackend.IsCudaAvailable()) reason.Should().BeNull();
        else reason.Should().Be("this machine has no CUDA GPU (ILGPU finds no CUDA device)");
    }

    [Fact]
    public void A_suite_without_a_requirement_is_never_skipped() =>
        BackendRequirement.SkipReason(MethodOf(typeof(IlgpuCpuKernelTests))).Should().BeNull();

    [Fact]
    public void A_failed_requirement_on_the_concrete_class_gives_its_reason() =>
        BackendRequirement.SkipReason(MethodOf(typeof(NeverHere))).Should().Be("never here");

    private static TestMethod MethodOf(Type type)
    {
        var assembly = new TestAssembly(Reflector.Wrap(type.Assembly));
        var collection = new TestCollection(assembly, null, "requirement");
        var method = type.GetMethod(nameof(Conformance.KernelConformanceTests.Embed_copies_the_rows_of_the_tokens))!;
        return new TestMethod(new TestClass(collection, Reflector.Wrap(type)), Reflector.Wrap(method));
    }

    private sealed class NeverHereAttribute : BackendRequirementAttribute
    {
        public override string? SkipReason => "never here";
    }

    [NeverHere]
    private sealed class NeverHere : Conformance.KernelConformanceTests
    {
        protected override IKernelBackend CreateBackend() => throw new InvalidOperationException("never created");
    }
}
