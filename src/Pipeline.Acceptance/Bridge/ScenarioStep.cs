namespace Pipeline.Acceptance.Bridge;

/// <summary>
/// One step ready to run: outline placeholders are already substituted, Background steps are already prepended.
/// </summary>
/// <param name="Kind">The keyword kind.</param>
/// <param name="Keyword">The keyword as written (<c>"Given "</c>, <c>"And "</c>).</param>
/// <param name="Text">The step text after the keyword.</param>
/// <param name="Line">One-based line of the step in its feature file.</param>
/// <param name="DocString">The step's doc string argument, if any.</param>
/// <param name="Table">The step's data table argument (first row is the header), if any.</param>
/// <param name="DocStringLine">One-based line of the doc string's first content line (the line after its opening
/// delimiter), or 0 when the step has none.</param>
/// <param name="DocStringIndent">Columns of indentation Gherkin removed from each doc string line (its delimiter's).</param>
public sealed record ScenarioStep(
    StepKind Kind,
    string Keyword,
    string Text,
    int Line,
    string? DocString = null,
    IReadOnlyList<IReadOnlyList<string>>? Table = null,
    int DocStringLine = 0,
    int DocStringIndent = 0)
{
    /// <summary>The step as it reads in the feature file: <c>Given the experiment "x.pipe"</c>.</summary>
    public override string ToString() => Keyword.Trim() + " " + Text;
}
