namespace Pipeline.Plans.Capacity;

/// <summary>
/// One deployment a capacity plan weighs: the experiment compiled with <see cref="Settings"/> in place of its own
/// (one value of each axis). Its index is its position in the plan, first axis slowest, as sweep runs are numbered.
/// </summary>
/// <param name="Index">Position in <see cref="CapacityPlan.Candidates"/>, from 0.</param>
/// <param name="Settings">One setting per axis, in axis order.</param>
public sealed record CapacityCandidate(int Index, IReadOnlyList<CapacitySetting> Settings)
{
    /// <summary>The settings as <c>path = value, ...</c> (empty for the experiment as written).</summary>
    public string Label => string.Join(", ", Settings.Select(s => $"{s.Path} = {s.Text}"));

    /// <summary>The numeric settings, as a sweep cell's overrides.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Numbers =>
        Settings.Where(s => s.Number is not null).Select(s => new KeyValuePair<string, double>(s.Path, s.Number!.Value)).ToArray();

    /// <summary>The accelerator settings, by path.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Names =>
        Settings.Where(s => s.Name is not null).Select(s => new KeyValuePair<string, string>(s.Path, s.Name!)).ToArray();
}
