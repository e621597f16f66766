namespace Pipeline.Calibration.Tests;

/// <summary>The published results beside the repository (<c>../shared/calibration/</c>), found above the test output.</summary>
internal static class SharedCalibration
{
    public static string Path(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "calibration", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/calibration/{file} was not found above {AppContext.BaseDirectory}");
    }
}
