using Pipeline.Compiler.Internal;
using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Language.Units;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Binds an accelerator value: <c>local(auto|cpu|ilgpu-cpu|cuda)</c>, a built-in name, or a declared
/// <c>accelerator NAME { flops bf16 = ...  bandwidth = ...  memory = ...  interconnect = nvlink(900 GB/s) }</c>.
/// A declaration whose <c>base</c> is <c>local</c> or <c>local(backend)</c> keeps the backend, so it executes.
/// </summary>
internal static class AcceleratorBinder
{
    /// <summary>Largest accelerator memory: 1 PB (today's largest hold under 300 GB).</summary>
    private const double MaxMemory = 1e15;

    private static readonly string[] Settings = ["base", "flops", "bandwidth", "memory", "interconnect", "compute_units", "power", "family", "price"];

    private static readonly Dictionary<string, LocalBackend> Backends = new(StringComparer.Ordinal)
    {
        ["auto"] = LocalBackend.Auto, ["cpu"] = LocalBackend.Cpu, ["ilgpu-cpu"] = LocalBackend.IlgpuCpu, ["cuda"] = LocalBackend.Cuda,
    };

    private static readonly Signature[] Interconnects =
        new[] { "nvlink", "nvlink3", "nvlink4", "nvlink5", "pcie", "pcie-gen4", "pcie-gen5", "infinity-fabric", "infiniband", "ethernet" }
            .Select(n => Signature.Of(n, "bandwidth")).ToArray();

    private static readonly Dictionary<string, string> Families =
        new[] { "nvidia-hopper", "nvidia-blackwell", "nvidia-ampere", "nvidia-ada", "amd-cdna3", "generic" }.ToDictionary(f => f, f => f, StringComparer.Ordinal);

    public static AcceleratorSpec? Resolve(BindContext context, ValueSyntax syntax)
    {
        var source = context.Source;
        switch (syntax)
        {
            case SymbolSyntax { Name: "local" } or CallSyntax { Function.Text: "local" }:
                return ResolveLocal(context, source, syntax);
            case SymbolSyntax symbol:
                return ResolveName(context, source, symbol.Name, symbol.Span, null, 0);
            default:
                context.Report(DiagnosticCatalog.WrongValueKind(source, syntax.Span, "accelerator", "an accelerator name or `local(auto)`", ValueReader.Describe(syntax)));
                return null;
        }
    }

    /// <summary>An accelerator named by a capacity candidate in place of the experiment's own (located at the capacity axis).</summary>
    public static AcceleratorSpec? Resolve(BindContext context, NameOverride name) =>
        ResolveName(context, context.Source, name.Name, name.Span, null, 0);

    /// <summary><c>local</c> or <c>local(backend)</c>, in a value or a declaration's <c>base</c> (read from <paramref name="source"/>).</summary>
    private static AcceleratorSpec? ResolveLocal(BindContext context, SourceText source, ValueSyntax syntax)
    {
        if (syntax is not CallSyntax call) return AcceleratorCatalog.Local(LocalBackend.Auto);
        var bound = CallReader.Match(context, source, call, new Signature("local", ["backend"], 0));
        if (bound is null) return null;
        if (bound["backend"] is null) return AcceleratorCatalog.Local(LocalBackend.Auto);
        var (ok, backend) = BlockReader.OptionOf(context, source, bound["backend"]!, "backend", Backends, "local backend");
        return ok ? AcceleratorCatalog.Local(backend) : null;
    }

    private static AcceleratorSpec? ResolveName(BindContext context, SourceText source, string name, TextSpan span, Declaration? exclude, int depth)
    {
        if (context.Accelerators.TryGetValue(name, out var declaration) && declaration != exclude && depth < 8)
        {
            return BindDeclared(context, declaration, depth + 1);
        }
        if (AcceleratorCatalog.TryGet(name, out var spec)) return spec;
        var known = AcceleratorCatalog.Names.Concat(context.Accelerators.Keys).Append("local").Distinct();
        context.Report(DiagnosticCatalog.UnknownAccelerator(source, span, name, Suggestions.Closest(name, known), AcceleratorCatalog.Names));
        return null;
    }

    private static AcceleratorSpec? BindDeclared(BindContext context, Declaration declaration, int depth)
    {
        var name = declaration.Name;
        var source = declaration.Source;
        var reader = new BlockReader(context, source, declaration.Block, "accelerator." + name, $"accelerator `{name}`", Settings, ["cost"], allowRepeatedKeys: true);
        AcceleratorSpec? @base = null;
        if (reader.Setting("base") is { } baseSetting)
        {
            if (baseSetting.Value is SymbolSyntax { Name: "local" } or CallSyntax { Function.Text: "local" })
            {
                // Deriving from the local machine keeps its backend, so the declaration still executes.
                @base = ResolveLocal(context, source, baseSetting.Value);
            }
            else if (baseSetting.Value is not SymbolSyntax symbol)
            {
                context.Report(DiagnosticCatalog.WrongValueKind(source, baseSetting.Value.Span, "base", "an accelerator name or `local(cpu)`", ValueReader.Describe(baseSetting.Value)));
                return null;
            }
            else
            {
                @base = ResolveName(context, source, symbol.Name, symbol.Span, declaration, depth);
            }
            if (@base is null) return null;
        }
        else if (AcceleratorCatalog.TryGet(name, out var builtIn))
        {
            @base = builtIn;
        }
        var flops = new Dictionary<DType, double>(@base?.DenseFlops ?? new Dictionary<DType, double>());
        foreach (var setting in reader.Settings.Where(s => s.Key.Text == "flops"))
        {
            if (setting.Qualifiers.Count != 1)
            {
                context.Report(DiagnosticCatalog.MissingSetting(source, setting.Key.Span, "an element type", "`flops`", "write `flops bf16 = 989 TFLOPS`, one line per type"));
                continue;
            }
            var qualifier = setting.Qualifiers[0];
            if (!ModelBinder.DTypes.TryGetValue(qualifier.Text, out var type))
            {
                context.Report(DiagnosticCatalog.UnknownOption(source, qualifier.Span, qualifier.Text, "element type", Suggestions.Closest(qualifier.Text, ModelBinder.DTypes.Keys), ModelBinder.DTypes.Keys));
                continue;
            }
            var value = ValueReader.Number(context, source, setting.Value, "flops", $"{reader.Path}.flops.{qualifier.Text}", Dimension.Compute, NumberRule.Positive, 0);
            if (value is not null) flops[type] = value.Value;
        }
        if (@base is null)
        {
            foreach (var missing in new[] { "flops", "bandwidth", "memory" }.Where(m => !reader.Has(m) && !(m == "flops" && flops.Count > 0)))
            {
                context.Report(DiagnosticCatalog.MissingSetting(source, reader.Anchor, missing, $"accelerator `{name}`", "give its figures, or derive it: `base = h100-sxm`"));
            }
        }
        var bandwidth = reader.Number("bandwidth", Dimension.Bandwidth, NumberRule.Positive, @base?.MemoryBandwidth ?? 1) ?? 1;
        var memory = reader.Number("memory", Dimension.Bytes, NumberRule.Positive, @base?.MemoryCapacity ?? 1) ?? 1;
        if (!(memory <= MaxMemory))
        {
            // 1e300 GB overflows to infinity; no accelerator holds a petabyte, and KV block counts must stay countable.
            var text = reader.Setting("memory") is { } written ? source.Content.Substring(written.Value.Span.Start, written.Value.Span.Length) : ValueReader.Format(memory, Dimension.Bytes);
            context.Report(DiagnosticCatalog.OutOfRange(source, reader.SpanOf("memory"), "memory", text, "(0 B, 1 PB]"));
            memory = @base?.MemoryCapacity ?? 1;
        }
        var (interconnect, linkBandwidth) = (@base?.Interconnect ?? "pcie", @base?.InterconnectBandwidth ?? 64e9);
        if (reader.Setting("interconnect") is { } link && CallReader.Read(context, source, link.Value, "interconnect", "interconnect", Interconnects) is { } call)
        {
            interconnect = call.Function;
            linkBandwidth = ValueReader.Number(context, source, call["bandwidth"], "bandwidth", reader.Path + ".interconnect.bandwidth", Dimension.Bandwidth, NumberRule.Positive, linkBandwidth) ?? linkBandwidth;
        }
        var ordered = Enum.GetValues<DType>().Where(flops.ContainsKey).ToDictionary(t => t, t => flops[t]);
        var family = @base?.Family ?? "generic";
        if (reader.Setting("family") is { } familySetting)
        {
            var (known, chosen) = BlockReader.OptionOf(context, source, familySetting.Value, "family", Families, "accelerator family");
            if (known) family = chosen;
        }
        var inherited = @base is not null && family == @base.Family ? @base.Cost : AcceleratorCatalog.FamilyCost(family);
        var (cost, declared) = CostParametersBinder.Bind(context, reader, inherited);
        var units = reader.Int("compute_units", NumberRule.Count, @base?.ComputeUnits ?? 1, 1 << 20);
        var power = reader.Has("power") ? reader.Number("power", Dimension.Power, NumberRule.Positive, 0) : @base?.Power;
        if ((power ?? @base?.RatedPower) is { } watts && cost.StaticPower >= watts)
        {
            // The clock runs on what the static share leaves: none left is no accelerator.
            var key = reader.Has("power") ? "power" : "cost.static_power";
            var span = reader.Has("power") ? reader.SpanOf("power") : reader.Anchor;
            context.Report(DiagnosticCatalog.OutOfRange(source, span, key, ValueReader.Format(watts, Dimension.Power),
                $"({ValueReader.Format(cost.StaticPower, Dimension.Power)}, ∞): static_power would leave the compute units nothing"));
            cost = cost with { StaticPower = 0 };
        }
        var inheritedSource = @base is not null && family == @base.Family ? @base.CostSource : CostFamilies.Source(family);
        var price = reader.Has("price") && reader.Number("price", Dimension.Price, NumberRule.Positive, 0) is { } usd
            ? new AcceleratorPrice(usd, $"declared in accelerator `{name}`")
            : @base?.Price;
        return new AcceleratorSpec(name, ordered, bandwidth, memory, linkBandwidth, interconnect, @base?.Local)
        {
            Family = family,
            ComputeUnits = units,
            RatedPower = @base?.RatedPower,
            Power = power,
            Cost = cost,
            CostSource = declared ? $"declared in accelerator `{name}`, over {inheritedSource}" : inheritedSource,
            Price = price,
        };
    }
}
