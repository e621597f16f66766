using Reqnroll;

namespace Pipeline.Acceptance.Drivers;

/// <summary>
/// Resolves a path written in a step: relative to the feature file's folder first, then to the repository root
/// (the nearest folder above the feature holding <c>.git</c> or a <c>*.sln</c>), then to the current directory.
/// </summary>
public sealed class PathResolver
{
    private readonly string _featureDirectory;

    /// <summary>Creates a resolver for the running feature (Reqnroll injects the feature context).</summary>
    public PathResolver(FeatureContext featureContext)
        : this(featureContext?.FeatureInfo.FolderPath ?? Directory.GetCurrentDirectory())
    {
    }

    // Internal so Reqnroll's container sees one public constructor.
    internal PathResolver(string featureDirectory)
    {
        ArgumentNullException.ThrowIfNull(featureDirectory);
        _featureDirectory = Path.GetFullPath(featureDirectory);
        RepositoryRoot = FindRoot(_featureDirectory);
    }

    /// <summary>The repository root used as the second place to look, if one was found.</summary>
    public string? RepositoryRoot { get; }

    /// <summary>The full path of the first candidate that exists, or of the first candidate when none does.</summary>
    public string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path)) return path;
        var candidates = Candidates(path).ToArray();
        return candidates.FirstOrDefault(c => File.Exists(c) || Directory.Exists(c)) ?? candidates[0];
    }

    /// <summary>Where <see cref="Resolve"/> looks, in order (for error messages).</summary>
    public IEnumerable<string> Candidates(string path)
    {
        // Distinct: the feature's folder and the repository root may be one place.
        string?[] places = [Path.GetFullPath(Path.Combine(_featureDirectory, path)),
            RepositoryRoot is null ? null : Path.GetFullPath(Path.Combine(RepositoryRoot, path)), Path.GetFullPath(path)];
        return places.OfType<string>().Distinct(StringComparer.Ordinal);
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))
                || dir.EnumerateFiles("*.sln").Any())
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
