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
/// Binds the experiment's model: a built-in name, a declared name, or an inline block. A block derives from
/// <c>base = NAME</c>, or from the built-in of its own name (<c>model llama-2-7b { weights = gguf(...) }</c>), or
/// gives the whole architecture.
/// </summary>
internal static class ModelBinder
{
    private static readonly string[] Settings =
        ["base", "layers", "hidden", "heads", "kv_heads", "ffn", "vocab", "context", "rope_theta", "norm_eps", "dtype", "kv_dtype", "weights"];

    private static readonly string[] Required = ["layers", "hidden", "heads", "ffn", "vocab", "context"];

    public static readonly IReadOnlyDictionary<string, DType> DTypes =
        Enum.GetValues<DType>().ToDictionary(t => t.ToKeyword(), t => t, StringComparer.Ordinal);

    private static readonly Signature[] WeightSignatures = [new("random", ["seed"], 0), Signature.Of("gguf", "path")];

    public static BoundModel? Bind(BindContext context, BlockReader experiment)
    {
        var block = experiment.NestedBlock("model");
        var setting = experiment.Setting("model");
        BoundModel? model;
        if (block is null && setting is null)
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, experiment.Anchor, "model", $"experiment `{experiment.Block?.Name?.Text}`",
                "add `model llama-2-7b` (built in) or `model NAME { layers = ... }`"));
            return null;
        }
        if (setting is not null)
        {
            if (setting.Value is not SymbolSyntax symbol)
            {
                context.Report(DiagnosticCatalog.WrongValueKind(context.Source, setting.Value.Span, "model", "a model name", ValueReader.Describe(setting.Value)));
                return null;
            }
            model = Resolve(context, context.Source, symbol.Name, symbol.Span, null, 0);
        }
        else if (block!.IsReference)
        {
            model = Resolve(context, context.Source, block.Name!.Text, block.Name.Span, null, 0);
        }
        else if (block.Name is null)
        {
            context.Report(DiagnosticCatalog.MissingBlockName(context.Source, block.Keyword.Span, "model"));
            return null;
        }
        else
        {
            model = BindBlock(context, new Declaration(block, context.Source), 0);
        }
        return model is not null && ModelChecks.Validate(context, model) ? model : null;
    }

    private static BoundModel? Resolve(BindContext context, SourceText source, string name, TextSpan span, Declaration? exclude, int depth)
    {
        if (context.Models.TryGetValue(name, out var declaration) && declaration != exclude && depth < 8)
        {
            return BindBlock(context, declaration, depth + 1);
        }
        if (ModelCatalog.TryGet(name, out var architecture))
        {
            // Built-ins go through the same reads so that sweeps over model.* work on them too.
            var reader = new BlockReader(context, source, null, "model", $"model `{name}`", Settings);
            var plan = Read(context, reader, name, architecture, new RandomWeights(0));
            return plan is null ? null : new BoundModel(plan, name, source, span, new Dictionary<string, TextSpan>());
        }
        var known = ModelCatalog.Names.Concat(context.Models.Keys).Distinct();
        context.Report(DiagnosticCatalog.UnknownModel(source, span, name, Suggestions.Closest(name, known), ModelCatalog.Names));
        return null;
    }

    private static BoundModel? BindBlock(BindContext context, Declaration declaration, int depth)
    {
        var block = declaration.Block;
        var name = declaration.Name;
        var errors = context.Diagnostics.Count(d => d.IsError);
        var reader = new BlockReader(context, declaration.Source, block, "model", $"model `{name}`", Settings);
        BoundModel? baseModel = null;
        if (reader.Setting("base") is { } baseSetting)
        {
            if (baseSetting.Value is SymbolSyntax symbol)
            {
                baseModel = Resolve(context, declaration.Source, symbol.Name, symbol.Span, declaration, depth);
                if (baseModel is null) return null;
            }
            else
            {
                context.Report(DiagnosticCatalog.WrongValueKind(declaration.Source, baseSetting.Value.Span, "base", "a model name", ValueReader.Describe(baseSetting.Value)));
                return null;
            }
        }
        else if (ModelCatalog.TryGet(name, out var builtIn))
        {
            baseModel = new BoundModel(new ModelPlan(name, builtIn, new RandomWeights(0)), name, declaration.Source, block.Name!.Span, new Dictionary<string, TextSpan>());
        }
        else
        {
            foreach (var missing in Required.Where(r => !reader.Has(r)))
            {
                context.Report(DiagnosticCatalog.MissingSetting(declaration.Source, reader.Anchor, missing, $"model `{name}`",
                    $"give the architecture, or derive it: `base = {ModelCatalog.Names.FirstOrDefault() ?? "llama-2-7b"}`"));
            }
        }
        var weights = baseModel?.Plan.Weights ?? new RandomWeights(0);
        var plan = Read(context, reader, name, baseModel?.Plan.Architecture, weights);
        // A model with errors in its own settings is not checked further (no cascades from placeholder values).
        if (plan is null || context.Diagnostics.Count(d => d.IsError) > errors) return null;
        // A number beyond a double is the parser's error (PL0007) and its setting reads as the default: no checks on that.
        if (Settings.Any(s => reader.Setting(s)?.Value is NumberSyntax { Value: var value } && !double.IsFinite(value))) return null;
        var spans = Settings.Where(s => reader.Setting(s) is not null).ToDictionary(s => s, s => reader.Setting(s)!.Value.Span);
        return new BoundModel(plan, baseModel?.CatalogName, declaration.Source, block.Name?.Span ?? block.Keyword.Span, spans);
    }

    private static ModelPlan? Read(BindContext context, BlockReader reader, string name, ModelArchitecture? @base, WeightsSource weights)
    {
        var heads = reader.Int("heads", NumberRule.Count, @base?.Heads ?? 1, max: 1 << 16);
        var architecture = new ModelArchitecture(
            Layers: reader.Int("layers", NumberRule.Count, @base?.Layers ?? 1, max: 1024),
            Hidden: reader.Int("hidden", NumberRule.Count, @base?.Hidden ?? 1, max: 1 << 20),
            Heads: heads,
            KvHeads: reader.Int("kv_heads", NumberRule.Count, reader.Has("heads") || @base is null ? heads : @base.KvHeads, max: 1 << 16),
            FfnHidden: reader.Int("ffn", NumberRule.Count, @base?.FfnHidden ?? 1, max: 1 << 22),
            Vocab: reader.Int("vocab", NumberRule.Count, @base?.Vocab ?? 1, max: 1 << 24),
            ContextLength: reader.Tokens("context", @base?.ContextLength ?? 1, max: 1 << 24),
            RopeTheta: reader.Number("rope_theta", Dimension.None, NumberRule.Positive, @base?.RopeTheta ?? 10000) ?? 10000,
            NormEpsilon: NormEpsilon(reader, @base?.NormEpsilon ?? 1e-5),
            WeightType: reader.Option("dtype", DTypes, @base?.WeightType ?? DType.F16, "dtype"))
        {
            KvCacheType = reader.Has("kv_dtype") ? reader.Option("kv_dtype", DTypes, DType.F16, "kv_dtype") : @base?.KvCacheType,
        };
        if (reader.Setting("weights") is { } setting)
        {
            weights = Weights(context, reader.Source, setting.Value) ?? weights;
            if (weights is GgufWeights gguf) WeightsChecks.Check(context, reader.Source, setting.Value.Span, gguf.Path, name, architecture);
        }
        return new ModelPlan(name, architecture, weights);
    }

    private static double NormEpsilon(BlockReader reader, double @default)
    {
        var value = reader.Number("norm_eps", Dimension.None, NumberRule.Positive, @default) ?? @default;
        if (value >= 1)
        {
            reader.Context.Report(DiagnosticCatalog.OutOfRange(reader.Source, reader.SpanOf("norm_eps"), "norm_eps", ValueReader.Format(value, Dimension.None), "(0, 1)"));
            return @default;
        }
        return value;
    }

    private static WeightsSource? Weights(BindContext context, SourceText source, ValueSyntax syntax)
    {
        var call = CallReader.Read(context, source, syntax, "weights", "weights source", WeightSignatures);
        if (call is null) return null;
        if (call.Function == "random")
        {
            var seed = ValueReader.Number(context, source, call["seed"], "seed", "model.weights.seed", Dimension.None, NumberRule.Seed, 0);
            return seed is null ? null : new RandomWeights((int)seed.Value);
        }
        if (call["path"] is not StringSyntax path)
        {
            context.Report(DiagnosticCatalog.WrongValueKind(source, call["path"]!.Span, "path", "a string", ValueReader.Describe(call["path"]!)));
            return null;
        }
        return new GgufWeights(Paths.Relative(source, path.Value));
    }
}
