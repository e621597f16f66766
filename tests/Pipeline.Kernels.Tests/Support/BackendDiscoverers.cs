using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pipeline.Kernels.Tests.Support;

/// <summary>Discovers <see cref="BackendFactAttribute"/> methods; on a suite whose requirement fails, one skipped case.</summary>
public sealed class BackendFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        BackendRequirement.SkipReason(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(options, testMethod, factAttribute);
}

/// <summary>Discovers <see cref="BackendTheoryAttribute"/> methods; on a suite whose requirement fails, every data row is skipped.</summary>
public sealed class BackendTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var cases = base.Discover(options, testMethod, theoryAttribute);
        if (BackendRequirement.SkipReason(testMethod) is not { } reason) return cases;
        // Each row stays visible in the report, as skipped with the reason.
        return cases.Select(c => (IXunitTestCase)new XunitSkippedDataRowTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(),
            options.MethodDisplayOptionsOrDefault(), c.TestMethod, reason, c.TestMethodArguments)).ToList();
    }
}

/// <summary>Reads the <see cref="BackendRequirementAttribute"/> of the concrete test class (not of the abstract suite).</summary>
internal static class BackendRequirement
{
    public static string? SkipReason(ITestMethod testMethod) =>
        testMethod.TestClass.Class.ToRuntimeType() is { } type
            ? type.GetCustomAttributes(typeof(BackendRequirementAttribute), inherit: false)
                .Cast<BackendRequirementAttribute>().Select(r => r.SkipReason).FirstOrDefault(r => r is not null)
            : null;
}
