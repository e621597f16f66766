using System.Runtime.InteropServices;

namespace Pipeline.Cli.Commands.Generate;

/// <summary>Writes per-step logits as raw little-endian float32, row-major <c>[steps, vocab]</c> (numpy: <c>np.fromfile(p, '&lt;f4').reshape(steps, vocab)</c>).</summary>
internal static class LogitsFile
{
    public static void Write(string path, IReadOnlyList<float[]> steps)
    {
        using var stream = File.Create(path);
        foreach (var step in steps)
        {
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Logits dumps are written on little-endian machines only.");
            stream.Write(MemoryMarshal.AsBytes(step.AsSpan()));
        }
    }
}
