using Pipeline.Plans.Rendering;

namespace Pipeline.Compiler.Tests;

/// <summary>Every case under spec/conformance runs here: adding a case is adding files.</summary>
public sealed class ConformanceTests
{
    public static TheoryData<string> ValidCases() => new(TestFiles.Relative("spec/conformance/valid"));

    public static TheoryData<string> InvalidCases() => new(TestFiles.Relative("spec/conformance/invalid"));

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_case_compiles_to_its_expected_plan(string path)
    {
        var result = TestFiles.Compile(path);
        TestFiles.Format(result.Diagnostics, path).Should().BeEmpty();
        result.Success.Should().BeTrue();
        ExpectationFile.Check(Path.ChangeExtension(path, ".plan.txt"), PlanTextRenderer.Render(result.Plan!));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_case_reports_its_expected_diagnostics(string path)
    {
        var result = TestFiles.Compile(path);
        result.Diagnostics.Should().NotBeEmpty();
        ExpectationFile.Check(Path.ChangeExtension(path, ".diagnostics.txt"), TestFiles.Format(result.Diagnostics, path));
    }

    [Fact]
    public void There_are_at_least_forty_invalid_cases()
    {
        TestFiles.Relative("spec/conformance/invalid").Should().HaveCountGreaterThanOrEqualTo(40);
    }

    [Fact]
    public void Every_diagnostic_code_is_exercised_by_an_invalid_case()
    {
        var expected = string.Concat(TestFiles.Relative("spec/conformance/invalid", "*.diagnostics.txt").Select(f => File.ReadAllText(TestFiles.Full(f))));
        var missing = Pipeline.Language.Diagnostics.DiagnosticCatalog.Codes.Select(c => c.Code).Where(code => !expected.Contains(" " + code + " ")).ToArray();
        missing.Should().BeEmpty("every code in the catalogue needs a conformance case");
    }

    [Fact]
    public void Every_diagnostic_code_is_documented_in_the_spec()
    {
        var spec = File.ReadAllText(TestFiles.Full("spec/language.md"));
        var codes = Pipeline.Language.Diagnostics.DiagnosticCatalog.Codes.Concat(Pipeline.Language.Diagnostics.DiagnosticCatalog.RuntimeCodes);
        var missing = codes.Where(c => !spec.Contains($"| {c.Code} | {c.Title} |", StringComparison.Ordinal)).Select(c => c.Code).ToArray();
        missing.Should().BeEmpty("each code has a row in the spec's table with its catalogue title");
    }

    [Fact]
    public void Every_runtime_code_raised_in_the_sources_is_in_the_catalogue_and_every_catalogued_one_is_raised()
    {
        // The catalogue itself (Pipeline.Language) lists them; the codes raised live in Serving and Runner.
        var raised = Directory.EnumerateFiles(TestFiles.Full("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Replace('\\', '/').Contains("/Pipeline.Language/", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"(PL[TR]\\d{3})\"").Select(m => m.Groups[1].Value))
            .ToHashSet();
        raised.Should().NotBeEmpty();
        raised.Should().BeEquivalentTo(Pipeline.Language.Diagnostics.DiagnosticCatalog.RuntimeCodes.Select(c => c.Code));
    }

    [Fact]
    public void Every_code_reported_is_in_the_catalogue_list()
    {
        var known = Pipeline.Language.Diagnostics.DiagnosticCatalog.Codes.Select(c => c.Code).ToHashSet();
        var reported = TestFiles.Relative("spec/conformance/invalid", "*.diagnostics.txt")
            .SelectMany(f => File.ReadAllLines(TestFiles.Full(f)))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @" (PL\d{4}) ").Groups[1].Value);
        reported.Should().OnlyContain(code => known.Contains(code));
    }
}
