using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Pipeline.Language.Text;
using Reqnroll;

namespace Pipeline.Acceptance.Internal;

/// <summary>"Did you mean ...?" for a step no binding matches: the closest step expression of the step library.</summary>
internal static partial class StepSuggestions
{
    private static readonly ConcurrentDictionary<Assembly, string[]> s_expressions = new();

    /// <summary>
    /// The step expression (<c>its batching is {word} ...</c> as written in the binding, regular expressions shown with
    /// their groups) nearest to <paramref name="text"/> with its numbers and quoted strings read as parameters, when
    /// it is within a third of the text's length; else null.
    /// </summary>
    public static string? Closest(string text, Assembly stepAssembly)
    {
        var expressions = s_expressions.GetOrAdd(stepAssembly, Expressions);
        var shape = Shape(text);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var expression in expressions)
        {
            var distance = Suggestions.Distance(shape, Shape(expression));
            if (distance < bestDistance) (best, bestDistance) = (expression, distance);
        }
        return best is not null && bestDistance > 0 && bestDistance <= Math.Max(2, shape.Length / 3) ? best : null;
    }

    private static string[] Expressions(Assembly assembly) =>
        assembly.GetTypes().Concat(typeof(StepSuggestions).Assembly.GetTypes()).Distinct()
            .Where(t => t.GetCustomAttribute<BindingAttribute>() is not null)
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<StepDefinitionBaseAttribute>())
            .Select(a => a.Expression?.Trim('^', '$'))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Lower case, with numbers, quoted strings and parameters each read as one placeholder.</summary>
    private static string Shape(string text) =>
        Parameter().Replace(text.ToLowerInvariant(), "#");

    [GeneratedRegex("\"[^\"]*\"|\\{[a-z]*\\}|\\([^)]*\\)|[0-9]+(\\.[0-9]+)?")]
    private static partial Regex Parameter();
}
