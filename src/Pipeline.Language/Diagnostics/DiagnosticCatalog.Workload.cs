using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

/// <summary>PL04xx: workload, SLOs, benchmark and sweeps.</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>PL0401: a workload bounded both by count and by time.</summary>
    public static Diagnostic RequestsAndDuration(SourceText source, TextSpan span) =>
        Error("PL0401", source, span, "workload sets both `requests` and `duration`", "bound the workload by one of them");

    /// <summary>PL0402: a sweep over a setting that is not a numeric setting of the experiment.</summary>
    public static Diagnostic UnknownSweepSetting(SourceText source, TextSpan span, string path, string? suggestion) =>
        Error("PL0402", source, span, $"`{path}` is not a numeric setting of this experiment",
            suggestion is not null ? DidYouMean(suggestion) : "sweep paths name a block and a setting, e.g. `batching.max_batch` or `workload.arrivals.rate`");

    /// <summary>PL0403: a sweep range or list with no values.</summary>
    public static Diagnostic EmptySweep(SourceText source, TextSpan span, string path) =>
        Error("PL0403", source, span, $"sweep of `{path}` has no values", "a range runs upward from its first value with a positive step; a list needs at least one value");

    /// <summary>PL0404: the longest prompt plus the longest output exceed the model's context.</summary>
    public static Diagnostic SequenceExceedsContext(SourceText source, TextSpan span, int prompt, int output, int context) =>
        Error("PL0404", source, span, $"the longest prompt ({prompt} tok) plus the longest output ({output} tok) exceed the model's context ({context} tok)",
            "shorten the prompt or output distribution, or clamp it");

    /// <summary>PL0405: execute mode with a datasheet accelerator.</summary>
    public static Diagnostic ExecuteNeedsLocal(SourceText source, TextSpan span, string accelerator) =>
        Error("PL0405", source, span, $"mode `execute` runs on this machine, but the deployment uses `{accelerator}`",
            "use `accelerator = local(auto)`, or `mode = simulate` to predict it with the cost model");

    /// <summary>PL0406: no MLPerf limits exist for the model and scenario.</summary>
    public static Diagnostic NoMlperfSlo(SourceText source, TextSpan span, string model, string scenario) =>
        Error("PL0406", source, span, $"MLPerf defines no {scenario} limits for model `{model}`", "write the limits out, e.g. `slo { ttft p99 <= 2 s  tpot p99 <= 200 ms }`");

    /// <summary>PL0407: the same metric and percentile limited twice.</summary>
    public static Diagnostic DuplicateSloLimit(SourceText source, TextSpan span, string metric, string percentile, int firstLine) =>
        Error("PL0407", source, span, $"`{metric} {percentile}` is limited more than once", $"the first limit is on line {firstLine}; keep one");

    /// <summary>PL0408: one setting swept twice.</summary>
    public static Diagnostic DuplicateSweepAxis(SourceText source, TextSpan span, string path, int firstLine) =>
        Error("PL0408", source, span, $"`{path}` is swept more than once", $"the first axis is on line {firstLine}; merge the values into one list");

    /// <summary>PL0409: a prompt longer than the per-step token budget, which only chunked prefill can split.</summary>
    public static Diagnostic PromptExceedsBudget(SourceText source, TextSpan span, int prompt, int budget) =>
        Error("PL0409", source, span, $"prompts up to {prompt} tok do not fit the step budget max_batched_tokens = {budget} tok",
            "raise `max_batched_tokens`, or use `policy = chunked` to split long prompts");

    /// <summary>PL0410: arrivals set for the offline scenario, which sends everything at once (warning).</summary>
    public static Diagnostic ArrivalsIgnoredOffline(SourceText source, TextSpan span) =>
        Warning("PL0410", source, span, "the offline scenario sends every query at once; `arrivals` is ignored", "remove `arrivals`, or use `scenario = server`");

    /// <summary>PL0411: a sweep matrix too large to run.</summary>
    public static Diagnostic TooManyRuns(SourceText source, TextSpan span, double runs, int limit) =>
        Error("PL0411", source, span,
            $"the sweep has {runs.ToString(runs < 1e15 ? "0" : "0.###e0", CultureInfo.InvariantCulture)} runs, more than {limit}", "use fewer values or a larger step");

    /// <summary>PL0412: fewer requests than the benchmark's minimum query count (warning).</summary>
    public static Diagnostic MinQueriesAboveRequests(SourceText source, TextSpan span, int minQueries, int requests) =>
        Warning("PL0412", source, span, $"min_queries ({minQueries}) is above the workload's requests ({requests})",
            "the run will issue queries beyond `requests` until min_queries is met, as LoadGen does; raise `requests` to say so");

    /// <summary>PL0413: a sweep range without a step.</summary>
    public static Diagnostic RangeNeedsStep(SourceText source, TextSpan span) =>
        Error("PL0413", source, span, "a range needs a `step`", "write `from .. to step increment`, e.g. `1 req/s .. 16 req/s step 3 req/s`");

    /// <summary>PL0414: a metric the benchmark does not collect.</summary>
    public static Diagnostic UnknownMetric(SourceText source, TextSpan span, string name, string? suggestion, IEnumerable<string> known) =>
        Error("PL0414", source, span, $"unknown metric `{name}`", DidYouMean(suggestion, known));

    /// <summary>PL0419: a preset for one scenario in a benchmark written for another.</summary>
    public static Diagnostic PresetScenarioConflict(SourceText source, TextSpan span, string preset, string presetScenario, string scenario) =>
        Error("PL0419", source, span, $"preset `{preset}({presetScenario})` is for the {presetScenario} scenario, but the benchmark's scenario is {scenario}",
            $"drop the preset's argument (`preset = {preset}` follows `scenario`), or make them agree");

    /// <summary>PL0420: a preset for a model its rules do not cover.</summary>
    public static Diagnostic NoPresetForModel(SourceText source, TextSpan span, string preset, string model, IEnumerable<string> models) =>
        Error("PL0420", source, span, $"the `{preset}` preset has no rules for model `{model}`",
            "it covers " + string.Join(", ", models.Select(m => $"`{m}`")) + "; write `slo`, `duration` and `min_queries` out instead");

    /// <summary>PL0421: a peak-rate search in a scenario that has no arrival rate to raise.</summary>
    public static Diagnostic SearchNeedsServer(SourceText source, TextSpan span, string scenario) =>
        Error("PL0421", source, span, $"a peak-rate search needs the server or interactive scenario, not {scenario}",
            "set `scenario = server` (or `interactive`); offline and single-stream runs do not follow an arrival rate");

    /// <summary>PL0422: a peak-rate search without an arrival rate of its own to vary (a Poisson rate, or a trace's speed).</summary>
    public static Diagnostic SearchNeedsPoissonRate(SourceText source, TextSpan span, string why) =>
        Error("PL0422", source, span, $"a peak-rate search varies the arrival rate, but {why}",
            "use `arrivals = poisson(rate: R req/s)` (the search starts at R) or `trace(\"file.csv\")` (it starts at the trace's mean rate and varies its speed), and do not sweep `workload.arrivals.rate` or `workload.arrivals.speed`");

    /// <summary>PL0423: a peak-rate search with no latency limit that could make a run INVALID.</summary>
    public static Diagnostic SearchNeedsLimits(SourceText source, TextSpan span) =>
        Error("PL0423", source, span, "a peak-rate search needs latency limits: without them no rate is INVALID",
            "add `slo { ttft p99 <= 2 s  tpot p99 <= 200 ms }`, `slo = mlperf`, or `preset = mlperf`");
}
