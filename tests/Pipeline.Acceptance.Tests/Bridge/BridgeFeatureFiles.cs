namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>The bridge's own feature files, copied next to the test binaries.</summary>
internal static class BridgeFeatureFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "BridgeFeatures");

    public static string Arithmetic => Path.Combine(Directory, "arithmetic.feature");

    public static string Failing => Path.Combine(Directory, "failing.feature");

    public static string Broken => Path.Combine(Directory, "broken.feature.txt");
}
