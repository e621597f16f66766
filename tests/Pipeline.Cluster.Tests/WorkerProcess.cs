using System.Diagnostics;

namespace Pipeline.Cluster.Tests;

/// <summary>A `pipeline worker` process started from the CLI built beside the tests.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _lines = [];

    public WorkerProcess(ClusterAddress address)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "pipeline.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        _process = Process.Start(new ProcessStartInfo(dotnet, ["exec", dll, "worker", "--cluster", address.ToString(), "--advertise", "127.0.0.1", "--slots", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, e) => Seen(e.Data);
        _process.ErrorDataReceived += (_, e) => Seen(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _joined.TrySetException(new InvalidOperationException("worker exited: " + Output));
    }

    public int Id => _process.Id;

    public string Output { get { lock (_lines) return string.Join('\n', _lines); } }

    /// <summary>Completes when the worker says it joined.</summary>
    public Task Joined => _joined.Task;

    /// <summary>Ends the process at once, as a crash or a pulled plug would: no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Asks the process to stop, as `kill` or a service manager does (SIGTERM); true when it exits with 0 in time.</summary>
    public bool Terminate(TimeSpan wait)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        return _process.WaitForExit(wait) && _process.ExitCode == 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private void Seen(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        if (line.StartsWith($"worker pid ", StringComparison.Ordinal) && line.Contains(" joined cluster ", StringComparison.Ordinal)) _joined.TrySetResult();
    }
}
