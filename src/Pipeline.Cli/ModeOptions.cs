using System.CommandLine;
using System.CommandLine.Parsing;

namespace Pipeline.Cli;

/// <summary>
/// A command with two modes whose options belong to one each: an option given to the other mode is a usage error
/// before any work starts, never silently ignored.
/// </summary>
internal static class ModeOptions
{
    /// <summary>
    /// Adds the check to <paramref name="command"/>: in the mode <paramref name="mode"/> picks (true: the first, false: the
    /// second, null: neither yet, nothing to check), options of the other mode given on the line are refused.
    /// </summary>
    public static void Exclusive(Command command, Func<CommandResult, bool?> mode,
        (string Name, Option[] Options) first, (string Name, Option[] Options) second)
    {
        command.Validators.Add(parse =>
        {
            if (mode(parse) is not { } isFirst) return;
            var (own, other) = isFirst ? (first.Name, second) : (second.Name, first);
            var misplaced = other.Options.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
            if (misplaced.Length == 0) return;
            parse.AddError($"{string.Join(", ", misplaced)} appl{(misplaced.Length == 1 ? "ies" : "y")} to {other.Name}, not to {own}");
        });
    }
}
