using Pipeline.Core.Text;
using Pipeline.Language.Formatting;
using Pipeline.Plans.Rendering;

namespace Pipeline.Compiler.Tests;

public sealed class FormatRoundTripTests
{
    public static TheoryData<string> Files() => new(TestFiles.ValidFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void Formatted_file_compiles_to_the_same_plan(string path)
    {
        var original = TestFiles.Compile(path);
        var formatted = ExperimentFormatter.Format(new SourceText(path, File.ReadAllText(TestFiles.Full(path)))).Text;
        formatted.Should().NotBeNull();
        var reformatted = TestFiles.Compile(path, formatted!);
        reformatted.Success.Should().BeTrue();
        PlanTextRenderer.Render(reformatted.Plan!).Should().Be(PlanTextRenderer.Render(original.Plan!));
        ExperimentFormatter.Format(new SourceText(path, formatted!)).Text.Should().Be(formatted, "formatting is idempotent");
    }
}
