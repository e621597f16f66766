using Gherkin;
using Gherkin.Ast;

namespace Pipeline.Acceptance.Bridge;

/// <summary>
/// Turns <c>.feature</c> files into <see cref="ScenarioCase"/>s: one per scenario and one per Examples row of an
/// outline, Background steps prepended, <c>&lt;placeholders&gt;</c> substituted, tags inherited.
/// </summary>
public static class FeatureDiscovery
{
    /// <summary>Parses every <c>*.feature</c> file under a directory (recursively, in ordinal path order).</summary>
    public static FeatureSuite Discover(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        var cases = new List<ScenarioCase>();
        var errors = new List<FeatureFileError>();
        foreach (var file in files)
        {
            var suite = DiscoverFile(file);
            cases.AddRange(suite.Cases);
            errors.AddRange(suite.Errors);
        }
        return new FeatureSuite(cases, errors);
    }

    /// <summary>Parses one feature file.</summary>
    public static FeatureSuite DiscoverFile(string featurePath)
    {
        ArgumentNullException.ThrowIfNull(featurePath);
        var fullPath = Path.GetFullPath(featurePath);
        GherkinDocument document;
        try
        {
            using var reader = new StreamReader(fullPath);
            document = new Parser().Parse(reader);
        }
        catch (CompositeParserException ex)
        {
            return new FeatureSuite([], ex.Errors.Select(e => Located(fullPath, e)).ToArray());
        }
        catch (ParserException ex)
        {
            return new FeatureSuite([], [Located(fullPath, ex)]);
        }
        if (document.Feature is null) return new FeatureSuite([], []);
        var errors = new List<FeatureFileError>();
        return new FeatureSuite(Expand(fullPath, document.Feature, errors), errors);
    }

    private const string LineHint =
        "a feature's lines are keyword lines (Feature:, Rule:, Background:, Scenario:, Examples:), steps (Given, When, Then, And, But), table rows (| a | b |), doc strings (\"\"\"), tags (@tag) and comments (#)";

    /// <summary>The Gherkin parser's error at its line and column, its "(line:col): " prefix taken off and its token names put in words.</summary>
    private static FeatureFileError Located(string path, ParserException error)
    {
        var message = System.Text.RegularExpressions.Regex.Replace(error.Message, @"^\(\d+:\d+\): ", "");
        message = message.Replace("#EOF", "the end of the file", StringComparison.Ordinal)
            .Replace("#TableRow", "a table row", StringComparison.Ordinal).Replace("#ExamplesLine", "Examples:", StringComparison.Ordinal)
            .Replace("#ScenarioLine", "Scenario:", StringComparison.Ordinal).Replace("#RuleLine", "Rule:", StringComparison.Ordinal)
            .Replace("#BackgroundLine", "Background:", StringComparison.Ordinal).Replace("#FeatureLine", "Feature:", StringComparison.Ordinal)
            .Replace("#StepLine", "a step", StringComparison.Ordinal).Replace("#TagLine", "a tag", StringComparison.Ordinal)
            .Replace("#Comment", "a comment", StringComparison.Ordinal).Replace("#Empty", "an empty line", StringComparison.Ordinal)
            .Replace("#DocStringSeparator", "a doc string (\"\"\")", StringComparison.Ordinal).Replace("#Language", "# language:", StringComparison.Ordinal)
            .Replace("#Other", "other text", StringComparison.Ordinal);
        return new FeatureFileError(path, message, error.Location?.Line, error.Location?.Column, LineHint);
    }

    private static List<ScenarioCase> Expand(string path, Feature feature, List<FeatureFileError> errors)
    {
        var cases = new List<ScenarioCase>();
        var featureTags = TagNames(feature.Tags);
        var background = feature.Children.OfType<Background>().FirstOrDefault();
        foreach (var child in feature.Children)
        {
            if (child is Scenario scenario)
            {
                if (HasSteps(path, scenario, errors)) cases.AddRange(ExpandScenario(path, feature, null, featureTags, background, null, scenario));
            }
            else if (child is Rule rule)
            {
                var ruleTags = featureTags.Concat(TagNames(rule.Tags)).ToArray();
                var ruleBackground = rule.Children.OfType<Background>().FirstOrDefault();
                foreach (var ruleScenario in rule.Children.OfType<Scenario>().Where(s => HasSteps(path, s, errors)))
                {
                    cases.AddRange(ExpandScenario(path, feature, rule, ruleTags, background, ruleBackground, ruleScenario));
                }
            }
        }
        return cases;
    }

    /// <summary>A scenario of no steps asserts nothing: reported at its line rather than counted as passed.</summary>
    private static bool HasSteps(string path, Scenario scenario, List<FeatureFileError> errors)
    {
        if (scenario.Steps.Any()) return true;
        errors.Add(new FeatureFileError(path, $"scenario '{scenario.Name}' has no steps, so it would pass asserting nothing",
            scenario.Location.Line, scenario.Location.Column, "give it its Given, When and Then steps, or remove it"));
        return false;
    }

    private static IEnumerable<ScenarioCase> ExpandScenario(
        string path, Feature feature, Rule? rule, IReadOnlyList<string> inheritedTags,
        Background? background, Background? ruleBackground, Scenario scenario)
    {
        var backgroundSteps = (background?.Steps ?? []).Concat(ruleBackground?.Steps ?? []).ToArray();
        var tags = inheritedTags.Concat(TagNames(scenario.Tags)).ToArray();
        var examples = scenario.Examples.Where(e => e.TableHeader is not null).ToArray();
        if (examples.Length == 0)
        {
            yield return Build(path, feature, rule, scenario.Name, scenario.Location.Line, [], tags,
                backgroundSteps, scenario.Steps);
            yield break;
        }
        foreach (var block in examples)
        {
            var header = block.TableHeader.Cells.Select(c => c.Value).ToArray();
            var blockTags = tags.Concat(TagNames(block.Tags)).ToArray();
            foreach (var row in block.TableBody)
            {
                var values = header.Zip(row.Cells.Select(c => c.Value), KeyValuePair.Create).ToArray();
                yield return Build(path, feature, rule, Substitute(scenario.Name, values), row.Location.Line, values,
                    blockTags, backgroundSteps, scenario.Steps);
            }
        }
    }

    private static ScenarioCase Build(
        string path, Feature feature, Rule? rule, string name, int line,
        IReadOnlyList<KeyValuePair<string, string>> values, IReadOnlyList<string> tags,
        IEnumerable<Step> backgroundSteps, IEnumerable<Step> steps)
    {
        var all = backgroundSteps.Concat(steps).Select(s => ToStep(s, values)).ToArray();
        return new ScenarioCase(path, feature.Name, feature.Description?.Trim() ?? string.Empty,
            rule?.Name, name, line, values, tags.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), all);
    }

    private static ScenarioStep ToStep(Step step, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var kind = step.KeywordType switch
        {
            StepKeywordType.Context => StepKind.Given,
            StepKeywordType.Action => StepKind.When,
            StepKeywordType.Outcome => StepKind.Then,
            _ when step.Keyword.Trim().Equals("But", StringComparison.OrdinalIgnoreCase) => StepKind.But,
            _ => StepKind.And,
        };
        var docString = step.Argument is DocString doc ? Substitute(doc.Content, values) : null;
        var table = step.Argument is DataTable data
            ? data.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(c => Substitute(c.Value, values)).ToArray()).ToArray()
            : null;
        // A doc string's content starts on the line after its delimiter, with the delimiter's indentation removed.
        var (docLine, docIndent) = step.Argument is DocString located ? (located.Location.Line + 1, located.Location.Column - 1) : (0, 0);
        return new ScenarioStep(kind, step.Keyword, Substitute(step.Text, values), step.Location.Line, docString, table, docLine, docIndent);
    }

    private static string Substitute(string text, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values) text = text.Replace("<" + key + ">", value, StringComparison.Ordinal);
        return text;
    }

    private static string[] TagNames(IEnumerable<Tag>? tags) =>
        (tags ?? []).Select(t => t.Name.TrimStart('@')).ToArray();
}
