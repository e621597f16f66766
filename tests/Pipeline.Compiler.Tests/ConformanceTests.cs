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
        var missing = Pipeline.Language.Diagnostics.DiagnosticCatalog.Codes.Select(c => c.Code).Where(code => !spec.Contains(code)).ToArray();
        missing.Should().BeEmpty();
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
