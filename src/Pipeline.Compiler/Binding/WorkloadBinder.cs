using Pipeline.Compiler.Internal;
using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Units;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>Binds <c>workload { arrivals prompt output requests duration seed }</c>.</summary>
internal static class WorkloadBinder
{
    private static readonly Signature[] ArrivalSignatures =
        [Signature.Of("all_at_once"), Signature.Of("poisson", "rate"), Signature.Of("interval", "period"), new Signature("trace", ["path", "speed"], 1)];

    /// <summary>The setting path of a trace's replay speed (sweepable; a peak search sets it through the rate).</summary>
    public const string SpeedPath = "workload.arrivals.speed";

    private static readonly Signature[] LengthSignatures =
        [Signature.Of("fixed", "tokens"), Signature.Of("uniform", "min", "max"), Signature.Of("normal", "mean", "std"), Signature.Of("lognormal", "mean", "std")];

    // Prompts may also come from a dataset of real prompts (output lengths then come from its rows, where given).
    private static readonly Signature[] PromptSignatures = [.. LengthSignatures, Signature.Of("dataset", "path")];

    private static readonly Signature Clamp = Signature.Of("clamp", "min", "max");

    public static (WorkloadPlan Plan, BlockReader Reader) Bind(BindContext context, BlockReader experiment, Scenario scenario)
    {
        var reader = new BlockReader(context, context.Source, experiment.NestedBlock("workload"), "workload", "workload",
            ["arrivals", "prompt", "output", "requests", "duration", "seed"], fallback: experiment.Anchor);
        ArrivalProcess arrivals;
        if (reader.Setting("arrivals") is { } a)
        {
            arrivals = Arrivals(context, a.Value) ?? (scenario == Scenario.Offline ? new AllAtOnceArrivals() : new PoissonArrivals(1));
        }
        else if (scenario == Scenario.Offline)
        {
            context.NumericPaths.TryAdd("workload.arrivals.rate", Dimension.RequestRate);
            arrivals = new AllAtOnceArrivals();
        }
        else
        {
            // The default Poisson rate is a setting like a written one: a sweep or a peak search can vary it.
            var rate = ValueReader.Number(context, context.Source, null, "rate", "workload.arrivals.rate", Dimension.RequestRate, NumberRule.Positive, 1);
            arrivals = new PoissonArrivals(rate ?? 1);
        }
        var prompt = Length(context, reader, "prompt");
        var output = Length(context, reader, "output");
        if (reader.Has("requests") && reader.Has("duration"))
        {
            context.Report(DiagnosticCatalog.RequestsAndDuration(context.Source, reader.Setting("duration")?.Key.Span ?? reader.Anchor));
        }
        var duration = reader.Has("duration") ? reader.Number("duration", Dimension.Time, NumberRule.Positive, 60) : null;
        int? requests = reader.Has("duration") && !reader.Has("requests") ? null : reader.Int("requests", NumberRule.Count, 100);
        var plan = new WorkloadPlan(arrivals, prompt, output, requests, duration, reader.Int("seed", NumberRule.Seed, 0));
        return (plan, reader);
    }

    private static ArrivalProcess? Arrivals(BindContext context, ValueSyntax syntax)
    {
        var call = CallReader.Read(context, context.Source, syntax, "arrivals", "arrival process", ArrivalSignatures);
        switch (call?.Function)
        {
            case "all_at_once":
                return new AllAtOnceArrivals();
            case "poisson":
                var rate = ValueReader.Number(context, context.Source, call["rate"], "rate", "workload.arrivals.rate", Dimension.RequestRate, NumberRule.Positive, 1);
                return rate is null ? null : new PoissonArrivals(rate.Value);
            case "interval":
                var period = ValueReader.Number(context, context.Source, call["period"], "period", "workload.arrivals.period", Dimension.Time, NumberRule.Positive, 1);
                return period is null ? null : new FixedIntervalArrivals(period.Value);
            case "trace":
                if (call["path"] is StringSyntax path)
                {
                    var speed = ValueReader.Number(context, context.Source, call["speed"], "speed", SpeedPath, Dimension.None, NumberRule.Positive, 1);
                    return speed is null ? null : new TraceArrivals(Paths.Relative(context.Source, path.Value), speed.Value);
                }
                context.Report(DiagnosticCatalog.WrongValueKind(context.Source, call["path"]!.Span, "path", "a string", ValueReader.Describe(call["path"]!)));
                return null;
            default:
                return null;
        }
    }

    private static LengthDistribution Length(BindContext context, BlockReader reader, string key)
    {
        var fallback = new FixedLength(128);
        var path = "workload." + key;
        var syntax = reader.Setting(key)?.Value;
        CallSyntax? clamp = null;
        if (syntax is ModifiedSyntax modified)
        {
            syntax = modified.Value;
            clamp = modified.Modifier;
            if (clamp.Function.Text != "clamp")
            {
                context.Report(DiagnosticCatalog.UnknownFunction(context.Source, clamp.Function.Span, clamp.Function.Text, "length modifier", "clamp", ["clamp"]));
                clamp = null;
            }
        }
        if (syntax is null)
        {
            var tokens = ValueReader.Number(context, context.Source, null, "tokens", path + ".tokens", Dimension.Tokens, NumberRule.Count, 128);
            return new FixedLength((int)(tokens ?? 128));
        }
        var call = CallReader.Read(context, context.Source, syntax, key, key + " length distribution", key == "prompt" ? PromptSignatures : LengthSignatures);
        if (call is null) return fallback;
        double? Tokens(string parameter, NumberRule rule) =>
            ValueReader.Number(context, context.Source, call[parameter], parameter, $"{path}.{parameter}", Dimension.Tokens, rule, 1);
        switch (call.Function)
        {
            case "dataset":
                if (clamp is not null) context.Report(DiagnosticCatalog.IgnoredSetting(context.Source, clamp.Function.Span, "clamp", "on a dataset's prompts"));
                if (call["path"] is StringSyntax file) return new DatasetPrompts(Paths.Relative(context.Source, file.Value), null, 0, 1, 1, 1);
                context.Report(DiagnosticCatalog.WrongValueKind(context.Source, call["path"]!.Span, "path", "a string", ValueReader.Describe(call["path"]!)));
                return fallback;
            case "fixed":
                if (clamp is not null) context.Report(DiagnosticCatalog.IgnoredSetting(context.Source, clamp.Function.Span, "clamp", "on a fixed length"));
                return Tokens("tokens", NumberRule.Count) is { } n ? new FixedLength((int)n) : fallback;
            case "uniform":
                if (clamp is not null) context.Report(DiagnosticCatalog.IgnoredSetting(context.Source, clamp.Function.Span, "clamp", "on a uniform length"));
                var (min, max) = (Tokens("min", NumberRule.Count), Tokens("max", NumberRule.Count));
                if (min is null || max is null) return fallback;
                if (min > max)
                {
                    context.Report(DiagnosticCatalog.MinAboveMax(context.Source, call.Span, $"{key} uniform(min, max)", $"{min} tok", $"{max} tok"));
                    return fallback;
                }
                return new UniformLength((int)min, (int)max);
            default:
                var (mean, std) = (Tokens("mean", NumberRule.Positive), Tokens("std", NumberRule.NonNegative));
                if (mean is null || std is null) return fallback;
                var (low, high) = ClampRange(context, key, path, clamp, mean.Value, std.Value);
                if (low is null || high is null) return fallback;
                return call.Function == "normal"
                    ? new NormalLength(mean.Value, std.Value, low.Value, high.Value)
                    : new LogNormalLength(mean.Value, std.Value, low.Value, high.Value);
        }
    }

    /// <summary>The clamp of a normal or log-normal length; by default [1, mean + 4 std].</summary>
    private static (int? Min, int? Max) ClampRange(BindContext context, string key, string path, CallSyntax? clamp, double mean, double std)
    {
        var defaultMax = Math.Max(1, (int)Math.Ceiling(mean + 4 * std));
        var bound = clamp is null ? null : CallReader.Match(context, context.Source, clamp, Clamp);
        if (clamp is not null && bound is null) return (null, null);
        var min = ValueReader.Number(context, context.Source, bound?["min"], "min", path + ".clamp.min", Dimension.Tokens, NumberRule.Count, 1);
        var max = ValueReader.Number(context, context.Source, bound?["max"], "max", path + ".clamp.max", Dimension.Tokens, NumberRule.Count, defaultMax);
        if (min is null || max is null) return (null, null);
        if (min > max)
        {
            context.Report(DiagnosticCatalog.MinAboveMax(context.Source, clamp?.Span ?? new TextSpan(0, 0), $"{key} clamp(min, max)", $"{min} tok", $"{max} tok"));
            return (null, null);
        }
        return ((int)min, (int)max);
    }

    /// <summary>The mean of a length distribution, in tokens (what the phase costs are computed for).</summary>
    public static double Mean(LengthDistribution length) => length switch
    {
        FixedLength f => f.Tokens,
        UniformLength u => (u.Min + u.Max) / 2.0,
        NormalLength n => Math.Clamp(n.Mean, n.Min, n.Max),
        LogNormalLength l => Math.Clamp(l.Mean, l.Min, l.Max),
        TraceLength t => t.Mean,
        DatasetPrompts d => d.Mean,
        DatasetLength d => d.Mean,
        _ => length.Max,
    };
}
