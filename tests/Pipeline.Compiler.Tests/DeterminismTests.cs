using System.Globalization;
using Pipeline.Plans.Rendering;

namespace Pipeline.Compiler.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Compiling_the_same_file_twice_gives_byte_identical_plan_text()
    {
        foreach (var path in TestFiles.ValidFiles())
        {
            var first = PlanTextRenderer.Render(TestFiles.Compile(path).Plan!);
            var second = PlanTextRenderer.Render(TestFiles.Compile(path).Plan!);
            second.Should().Be(first, path);
        }
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void Plans_and_diagnostics_do_not_depend_on_the_current_culture(string culture)
    {
        var paths = TestFiles.ValidFiles().Concat(TestFiles.Relative("spec/conformance/invalid")).ToArray();
        string Everything() => string.Concat(paths.Select(p =>
        {
            var result = TestFiles.Compile(p);
            return (result.Plan is null ? string.Empty : PlanTextRenderer.Render(result.Plan)) + TestFiles.Format(result.Diagnostics, p);
        }));
        var invariant = Everything();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator.Should().NotBe(".", "the test needs a culture that writes numbers differently");
            Everything().Should().Be(invariant);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Windows_line_endings_compile_to_the_same_plan()
    {
        foreach (var path in TestFiles.ValidFiles())
        {
            var text = File.ReadAllText(TestFiles.Full(path)).ReplaceLineEndings("\n");
            var crlf = TestFiles.Compile(path, text.Replace("\n", "\r\n"));
            TestFiles.Format(crlf.Diagnostics, path).Should().BeEmpty(path);
            PlanTextRenderer.Render(crlf.Plan!).Should().Be(PlanTextRenderer.Render(TestFiles.Compile(path, text).Plan!), path);
        }
    }
}
