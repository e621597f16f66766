using Pipeline.Calibration.Local;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;

namespace Pipeline.Cli.Commands.Calibrate;

/// <summary>
/// <c>pipeline calibrate --local</c>: measures step times on this machine's engine (<see cref="EngineStepTimes"/>,
/// the shapes of <see cref="LocalShapes.All"/>), fits the local accelerator's cost parameters, prints measured
/// against predicted per shape and writes <c>accelerator this-machine { base = local(B) cost { ... } }</c>.
/// Usage errors are checked before any measurement.
/// </summary>
internal static class LocalCalibrate
{
    private static readonly Dictionary<string, LocalBackend> Backends = new(StringComparer.Ordinal)
    {
        ["auto"] = LocalBackend.Auto, ["cpu"] = LocalBackend.Cpu, ["ilgpu-cpu"] = LocalBackend.IlgpuCpu, ["cuda"] = LocalBackend.Cuda,
    };

    /// <summary>Runs the calibration; <paramref name="alone"/> is false when --results or --family came too.</summary>
    public static int Execute(bool alone, string backend, string models, string? write, CliOutput output)
    {
        if (!alone)
        {
            output.Error.WriteLine("error: --local measures this machine; it takes no --results, --family or --release");
            return ExitCodes.Usage;
        }
        if (!TryOptions(backend, models, output, out var chosen, out var shapes)) return ExitCodes.Usage;
        if (write is not null && !Writable(write))
        {
            output.Error.WriteLine($"error: --write needs a file path in an existing directory, not '{write}'");
            return ExitCodes.Usage;
        }
        LocalCalibrationResult result;
        string device;
        try
        {
            using var source = new EngineStepTimes(chosen);
            result = LocalCalibration.Run(AcceleratorCatalog.Local(chosen), shapes, source);
            device = source.Device;
        }
        catch (InvalidOperationException e)
        {
            output.Error.WriteLine($"error: cannot start the {backend} backend: {e.Message}");
            return ExitCodes.Errors;
        }
        output.Out.WriteLine($"device: {device}");
        output.Out.Write(result.Table());
        output.Out.WriteLine($"fitted: {string.Join("  ", result.Settings)}");
        if (write is not null)
        {
            File.WriteAllText(write, LocalAcceleratorFile.Write(result, backend, device));
            output.Out.WriteLine($"wrote {write} (accelerator {LocalAcceleratorFile.AcceleratorName})");
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The backend and shape set named by <c>--backend</c> and <c>--models</c> (null: the backend alone, no shapes), or
    /// false after printing the error.
    /// </summary>
    public static bool TryOptions(string backend, string? models, CliOutput output, out LocalBackend chosen, out IReadOnlyList<LocalShape> shapes)
    {
        shapes = [];
        if (!Backends.TryGetValue(backend, out chosen))
        {
            output.Error.WriteLine($"error: unknown backend '{backend}' (auto, cpu, ilgpu-cpu, cuda)");
            return false;
        }
        if (models is null) return true;
        var named = LocalShapes.Named(models);
        if (named is null)
        {
            output.Error.WriteLine($"error: unknown --models '{models}' ({string.Join(", ", LocalShapes.Names)})");
            return false;
        }
        shapes = named;
        return true;
    }

    private static bool Writable(string path)
    {
        if (path.Length == 0 || Directory.Exists(path) || path.EndsWith('/') || path.EndsWith('\\')) return false;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return directory is not null && Directory.Exists(directory);
    }
}
