using Pipeline.Plans;

namespace Pipeline.Cli;

/// <summary>The command line's spelling of local backends, as in experiment files' <c>local(...)</c>.</summary>
internal static class BackendName
{
    /// <summary>The accepted names, for messages.</summary>
    public const string Choices = "auto, cpu, ilgpu-cpu, cuda";

    /// <summary>The backend a name means, or null for an unknown name.</summary>
    public static LocalBackend? Parse(string text) => text switch
    {
        "auto" => LocalBackend.Auto,
        "cpu" => LocalBackend.Cpu,
        "ilgpu-cpu" => LocalBackend.IlgpuCpu,
        "cuda" => LocalBackend.Cuda,
        _ => null,
    };
}
