using System.Diagnostics;

namespace Pipeline.Reports.Tests.TestData;

/// <summary>
/// Headless Chromium from the Debian packages (<c>.ci/run</c> installs it): loads a page from a file, dumps its DOM,
/// takes a screenshot and collects what the page logged to its console.
/// </summary>
internal static class Chromium
{
    public static string? Executable { get; } = Find();

    public static (string Output, string Log) Run(string url, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0" }
            .Concat(arguments).Append(url))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 2 minutes");
        }
        return (output.Result, log.Result);
    }

    /// <summary>
    /// Every message the page wrote to its console (chromium logs each as <c>INFO:CONSOLE</c>, errors and uncaught
    /// exceptions included). Our pages have no scripts, so any message at all is a fault.
    /// </summary>
    public static IReadOnlyList<string> ConsoleMessages(string log) =>
        log.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray();

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => path.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that is skipped, with the reason shown, when no chromium is installed (and runs otherwise).</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium not found on PATH: install it (apt-get install -y chromium; .ci/run does) to render report.html";
        }
    }
}
