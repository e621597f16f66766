namespace Pipeline.Plans.Capacity;

/// <summary>One setting a capacity candidate puts in place of the experiment's own.</summary>
/// <param name="Path">The setting's path (<c>hardware.tp</c>, <c>hardware.accelerator</c>).</param>
/// <param name="Number">The value in base units, for a numeric setting; null for a name.</param>
/// <param name="Name">The accelerator name, for an accelerator setting; null for a number.</param>
/// <param name="Text">The value as a report shows it (<c>4</c>, <c>h200</c>, <c>2048 tok</c>).</param>
public sealed record CapacitySetting(string Path, double? Number, string? Name, string Text);
