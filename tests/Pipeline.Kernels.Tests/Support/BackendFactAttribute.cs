using Xunit.Sdk;

namespace Pipeline.Kernels.Tests.Support;

/// <summary>A fact of a backend conformance suite: skipped when the concrete suite's <see cref="BackendRequirementAttribute"/> says so.</summary>
[XunitTestCaseDiscoverer("Pipeline.Kernels.Tests.Support.BackendFactDiscoverer", "Pipeline.Kernels.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendFactAttribute : FactAttribute;

/// <summary>A theory of a backend conformance suite: every data row is skipped when the concrete suite's requirement is not met.</summary>
[XunitTestCaseDiscoverer("Pipeline.Kernels.Tests.Support.BackendTheoryDiscoverer", "Pipeline.Kernels.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendTheoryAttribute : TheoryAttribute;
