namespace Pipeline.Core.Tests.Weights;

/// <summary>The committed GGUF fixtures (written by <c>spec/conformance/models/make-fixtures.py</c>).</summary>
internal static class Fixtures
{
    public static readonly string Root = FindRoot();

    /// <summary>A 1-layer llama: hidden 32, heads 2, kv heads 1, ffn 64, vocab 64; F16; tied embeddings; 11 tensors.</summary>
    public static byte[] Tiny => File.ReadAllBytes(Path.Combine(Root, "spec/conformance/models/tiny.gguf"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above the test binaries");
    }
}
