namespace Pipeline.Cli;

/// <summary>
/// Where a command writes: results to <see cref="Out"/>, diagnostics and progress to <see cref="Error"/>; and
/// <see cref="Interrupt"/>, which the user's Ctrl-C cancels. Commands never touch <see cref="Console"/> directly,
/// so tests run them in memory (and interrupt them by cancelling a token).
/// </summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="IsInteractive">True when stderr is a terminal (live progress bars); false when redirected (plain lines).</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    /// <summary>Cancelled when the user asks the command to stop (Ctrl-C): a run stops cleanly, marked INVALID ("interrupted").</summary>
    public CancellationToken Interrupt { get; init; }

    /// <summary>
    /// The process's console. The first Ctrl-C cancels <see cref="Interrupt"/> and keeps the process alive so the
    /// command can finish cleanly; a second one ends the process as usual.
    /// </summary>
    public static CliOutput FromConsole()
    {
        var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (interrupt.IsCancellationRequested) return;
            e.Cancel = true;
            interrupt.Cancel();
        };
        return new CliOutput(Console.Out, Console.Error, !Console.IsErrorRedirected && !Console.IsOutputRedirected) { Interrupt = interrupt.Token };
    }

    /// <summary>An in-memory output for tests.</summary>
    public static CliOutput InMemory(out StringWriter output, out StringWriter error)
    {
        output = new StringWriter();
        error = new StringWriter();
        return new CliOutput(output, error, false);
    }
}
