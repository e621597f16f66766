using System.Runtime.CompilerServices;
using Pipeline.Plans.Rendering;
using Snapshooter;
using Snapshooter.Xunit;

namespace Pipeline.Compiler.Tests;

/// <summary>
/// Snapshots of the plan text of every example, and of the sweep runs of valid conformance cases. A valid case's own
/// plan is checked once, against its committed <c>.plan.txt</c> (<see cref="ConformanceTests"/>), never again here.
/// Snapshooter creates a missing snapshot and passes, so a missing file fails here unless PIPELINE_UPDATE_SNAPSHOTS=1.
/// </summary>
public sealed class PlanSnapshotTests
{
    public static TheoryData<string> Examples() => new(TestFiles.Relative("examples"));

    public static TheoryData<string> ValidSweeps() =>
        new(TestFiles.Relative("spec/conformance/valid").Where(f => File.ReadAllText(TestFiles.Full(f)).Contains("sweep", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Plan_text_matches_its_snapshot(string path)
    {
        var result = TestFiles.Compile(path);
        result.Success.Should().BeTrue(TestFiles.Format(result.Diagnostics, path));
        var name = path.Replace('/', '_').Replace(".pipe", string.Empty, StringComparison.Ordinal);
        RequireSnapshot($"{nameof(PlanSnapshotTests)}.{nameof(Plan_text_matches_its_snapshot)}_{name}.snap");
        Snapshot.Match(PlanTextRenderer.Render(result.Plan!) + Runs(result), SnapshotNameExtension.Create(name));
    }

    [Theory]
    [MemberData(nameof(ValidSweeps))]
    public void Sweep_runs_of_a_valid_case_match_their_snapshot(string path)
    {
        var result = TestFiles.Compile(path);
        result.Success.Should().BeTrue(TestFiles.Format(result.Diagnostics, path));
        result.Runs.Should().HaveCountGreaterThan(1, "{0} declares a sweep", path);
        var name = path.Replace('/', '_').Replace(".pipe", string.Empty, StringComparison.Ordinal);
        RequireSnapshot($"{nameof(PlanSnapshotTests)}.{nameof(Sweep_runs_of_a_valid_case_match_their_snapshot)}_{name}.snap");
        Snapshot.Match(Runs(result), SnapshotNameExtension.Create(name));
    }

    private static string Runs(CompilationResult result) =>
        string.Concat(result.Runs.Skip(result.Runs.Count > 1 ? 0 : 1).Select((r, i) => $"\n--- run {i}\n" + PlanTextRenderer.Render(r)));

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
