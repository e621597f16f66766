using Pipeline.Plans.Rendering;

namespace Pipeline.Compiler.Tests;

public sealed class ExampleTests
{
    public static TheoryData<string> Examples() => new(TestFiles.Relative("examples").Concat(TestFiles.Relative("examples/mlperf")));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_compiles_without_diagnostics(string path)
    {
        var result = TestFiles.Compile(path);
        TestFiles.Format(result.Diagnostics, path).Should().BeEmpty();
        result.Success.Should().BeTrue();
        result.Runs.Should().NotBeEmpty();
        PlanTextRenderer.Render(result.Plan!).Should().NotBeEmpty();
    }
}
