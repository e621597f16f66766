namespace Pipeline.Plans.Catalog;

/// <summary>
/// Public on-demand list prices per accelerator-hour, for capacity plans. They are declared, not measured, and they
/// go stale: a file overrides one with <c>accelerator NAME { price = N USD/h }</c>. Each price is a provider's listed
/// price for a whole instance divided by its accelerators:
/// <list type="bullet">
/// <item>CoreWeave's pricing page as listed in February 2026 (reproduced in Kael Research, "GPU Economics: What
/// Inference Actually Costs in 2026", kaelresearch.com): HGX H100 8 GPUs $49.24/h, HGX H200 8 GPUs $50.44/h, HGX B200
/// 8 GPUs $68.80/h, GB200 NVL72 4-GPU slice $42.00/h, GH200 1 GPU $6.50/h, A100 80GB 8 GPUs $21.60/h, L40S 8 GPUs $18.00/h.</item>
/// <item>MI300X: Azure's ND MI300X v5 list price, $6.00 per GPU-hour (Cliff Center research note "AMD inference
/// economics", 2026-05-18, quoting Azure and Oracle at $6/h).</item>
/// </list>
/// <c>h100-nvl</c>, <c>h200-nvl</c>, <c>mi325x</c> and the local machine have no list price here: declare one.
/// </summary>
public static class AcceleratorPrices
{
    private const string CoreWeave = "CoreWeave on-demand list price, February 2026";

    private static readonly Dictionary<string, AcceleratorPrice> ByName = new(StringComparer.Ordinal)
    {
        ["h100-sxm"] = new(49.24 / 8, CoreWeave + ", HGX H100 8 GPUs at $49.24/h"),
        ["h200"] = new(50.44 / 8, CoreWeave + ", HGX H200 8 GPUs at $50.44/h"),
        ["gh200"] = new(6.50, CoreWeave + ", GH200 1 GPU at $6.50/h"),
        ["b200"] = new(68.80 / 8, CoreWeave + ", HGX B200 8 GPUs at $68.80/h"),
        ["gb200"] = new(42.00 / 4, CoreWeave + ", GB200 NVL72 4-GPU slice at $42.00/h"),
        ["a100-80gb"] = new(21.60 / 8, CoreWeave + ", A100 80GB 8 GPUs at $21.60/h"),
        ["l40s"] = new(18.00 / 8, CoreWeave + ", L40S 8 GPUs at $18.00/h"),
        ["mi300x"] = new(6.00, "Azure ND MI300X v5 on-demand list price, $6.00 per GPU-hour, May 2026"),
    };

    /// <summary>The catalogue price of a built-in accelerator, or null when it has none.</summary>
    public static AcceleratorPrice? Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name, out var price) ? price : null;
    }
}
