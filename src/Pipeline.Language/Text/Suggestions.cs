namespace Pipeline.Language.Text;

/// <summary>"Did you mean ...?" by edit distance.</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate <paramref name="word"/> most likely stands for: the shortest candidate it begins (for words of three
    /// letters or more), else the closest by case-insensitive optimal string alignment distance, if that is close enough
    /// to be a likely typo (at most a third of the word's length, and at least 1).
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        var ordered = candidates.Order(StringComparer.Ordinal).ToArray();
        // A truncated name (`h100` for `h100-sxm`) is a better guess than a near neighbour (`h200`).
        var extension = word.Length >= 3
            ? ordered.Where(c => c.Length > word.Length && c.StartsWith(word, StringComparison.OrdinalIgnoreCase)).MinBy(c => c.Length)
            : null;
        if (extension is not null) return extension;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in ordered)
        {
            var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        var allowed = Math.Max(1, (word.Length + 1) / 3);
        return best is not null && bestDistance <= allowed && !string.Equals(best, word, StringComparison.Ordinal) ? best : null;
    }

    /// <summary>Edit distance where insert, delete, substitute and swap of neighbours each cost one.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
