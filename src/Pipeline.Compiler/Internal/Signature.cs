namespace Pipeline.Compiler.Internal;

/// <summary>A function a setting accepts: its name and parameters (the first <see cref="Required"/> are required).</summary>
internal sealed record Signature(string Name, IReadOnlyList<string> Parameters, int Required)
{
    public static Signature Of(string name, params string[] parameters) => new(name, parameters, parameters.Length);
}
