namespace Pipeline.Compiler.Tests;

/// <summary>A golden file beside a test input: compared, or written when PIPELINE_UPDATE_SNAPSHOTS=1; never silently created.</summary>
internal static class ExpectationFile
{
    public static void Check(string relativePath, string actual)
    {
        var path = TestFiles.Full(relativePath);
        if (TestFiles.UpdateSnapshots)
        {
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).Should().BeTrue(
            $"the expectation file {relativePath} must exist; create it by running the tests with PIPELINE_UPDATE_SNAPSHOTS=1 and review it");
        actual.Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"), $"{relativePath} is the expected output (PIPELINE_UPDATE_SNAPSHOTS=1 rewrites it)");
    }
}
