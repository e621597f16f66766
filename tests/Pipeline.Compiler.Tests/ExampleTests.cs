using Pipeline.Core.Text;
using Pipeline.Language.Formatting;
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

    public static TheoryData<string> AllExampleFiles() => new(TestFiles.Relative("examples", option: SearchOption.AllDirectories));

    [Theory]
    [MemberData(nameof(AllExampleFiles))]
    public void Example_is_in_canonical_format_so_fmt_check_passes(string path)
    {
        var source = new SourceText(path, File.ReadAllText(TestFiles.Full(path)));
        var result = ExperimentFormatter.Format(source);
        result.Text.Should().Be(source.Content, "run `pipeline fmt {0} --write`", path);
    }

    [Fact]
    public void The_readme_quickstart_is_the_quickstart_example()
    {
        var readme = File.ReadAllText(TestFiles.Full("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        readme.Should().Contain("```\n" + File.ReadAllText(TestFiles.Full("examples/quickstart.pipe")) + "```");
    }
}
