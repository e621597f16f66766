namespace Pipeline.Plans;

/// <summary>What one accelerator costs to rent: a declared figure, never measured.</summary>
/// <param name="UsdPerHour">US dollars per accelerator-hour.</param>
/// <param name="Source">Where the figure comes from (a provider's list price and its date, or the declaration that set it).</param>
public sealed record AcceleratorPrice(double UsdPerHour, string Source);
