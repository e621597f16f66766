using Snapshooter;
using Snapshooter.Xunit;

namespace Pipeline.Calibration.Tests;

/// <summary>
/// Snapshooter writes a missing snapshot and passes; this fails instead unless PIPELINE_UPDATE_SNAPSHOTS=1
/// (which also rewrites existing snapshots), so a never-committed snapshot cannot make a test pass vacuously.
/// </summary>
internal static class SnapshotGuard
{
    public static void Match(string actual, string nameExtension)
    {
        var extension = SnapshotNameExtension.Create(nameExtension);
        var name = Snapshot.FullName(extension);
        var path = Path.Combine(name.FolderPath, "__snapshots__", name.Filename);
        if (Environment.GetEnvironmentVariable("PIPELINE_UPDATE_SNAPSHOTS") == "1")
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        else
        {
            File.Exists(path).Should().BeTrue($"snapshot {path} must be committed (PIPELINE_UPDATE_SNAPSHOTS=1 writes it)");
        }

        Snapshot.Match(actual, extension);
    }
}
