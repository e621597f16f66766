using System.Runtime.CompilerServices;
using Pipeline.Plans.Rendering;
using Snapshooter;
using Snapshooter.Xunit;

namespace Pipeline.Compiler.Tests;

/// <summary>
/// Snapshots of the plan text of every example and valid conformance case. Snapshooter creates a missing snapshot and
/// passes, so a missing file fails here unless PIPELINE_UPDATE_SNAPSHOTS=1.
/// </summary>
public sealed class PlanSnapshotTests
{
    public static TheoryData<string> Files() => new(TestFiles.ValidFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void Plan_text_matches_its_snapshot(string path)
    {
        var result = TestFiles.Compile(path);
        result.Success.Should().BeTrue(TestFiles.Format(result.Diagnostics, path));
        var name = path.Replace('/', '_').Replace(".pipe", string.Empty, StringComparison.Ordinal);
        var runs = string.Concat(result.Runs.Skip(result.Runs.Count > 1 ? 0 : 1).Select((r, i) => $"\n--- run {i}\n" + PlanTextRenderer.Render(r)));
        RequireSnapshot($"{nameof(PlanSnapshotTests)}.{nameof(Plan_text_matches_its_snapshot)}_{name}.snap");
        Snapshot.Match(PlanTextRenderer.Render(result.Plan!) + runs, SnapshotNameExtension.Create(name));
    }

    private static void RequireSnapshot(string file, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "__snapshots__", file);
        if (TestFiles.UpdateSnapshots)
        {
            File.Delete(path); // Snapshooter only writes missing snapshots
            return;
        }
        File.Exists(path).Should().BeTrue($"snapshot {file} is missing; run the tests with PIPELINE_UPDATE_SNAPSHOTS=1, review it and commit it");
    }
}
