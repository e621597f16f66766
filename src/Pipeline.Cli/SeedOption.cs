using System.CommandLine;
using System.Globalization;

namespace Pipeline.Cli;

/// <summary>
/// <c>--seed N</c>, read the same way by every command that takes it (<c>run</c>, <c>capacity</c>, <c>scenarios</c>):
/// a whole number from 0 to 2147483647, or a usage error (exit 2) before any work starts. A sign, a fraction, a
/// number too large for the seed or anything else is refused, never read as some other seed.
/// </summary>
internal static class SeedOption
{
    /// <summary>A new <c>--seed</c> option (read as text, so <see cref="TryRead"/> owns every message).</summary>
    public static Option<string?> Create() => new("--seed") { Description = $"Override the workload seed (a whole number from 0 to {int.MaxValue})." };

    /// <summary>False (after printing the usage error) when <paramref name="text"/> is given and is not a seed; else true, with <paramref name="seed"/> null when none was given.</summary>
    public static bool TryRead(string? text, CliOutput output, out int? seed)
    {
        seed = null;
        if (text is null) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            output.Error.WriteLine($"error: --seed '{text}' is not a whole number from 0 to {int.MaxValue}");
            return false;
        }
        seed = value;
        return true;
    }
}
