namespace Pipeline.Cli;

/// <summary>
/// Where a command writes: results to <see cref="Out"/>, diagnostics and progress to <see cref="Error"/>.
/// Commands never touch <see cref="Console"/> directly, so tests run them in memory.
/// </summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="IsInteractive">True when stderr is a terminal (live progress bars); false when redirected (plain lines).</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    /// <summary>The process's console.</summary>
    public static CliOutput FromConsole() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected && !Console.IsOutputRedirected);

    /// <summary>An in-memory output for tests.</summary>
    public static CliOutput InMemory(out StringWriter output, out StringWriter error)
    {
        output = new StringWriter();
        error = new StringWriter();
        return new CliOutput(output, error, false);
    }
}
