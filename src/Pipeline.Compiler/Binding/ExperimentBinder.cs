using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Plans;
using Pipeline.Plans.Costs;

namespace Pipeline.Compiler.Binding;

/// <summary>Binds one experiment block to a plan (without its sweep), in dependency order.</summary>
internal static class ExperimentBinder
{
    public static readonly string[] Blocks = ["model", "hardware", "batching", "disaggregation", "workload", "slo", "benchmark", "sweep", "capacity"];

    public static ExperimentPlan? Bind(BindContext context, BlockSyntax experiment)
    {
        var name = experiment.Name?.Text ?? "experiment";
        var reader = new BlockReader(context, context.Source, experiment, "experiment", $"experiment `{name}`", ["model", "slo"], Blocks);
        var model = ModelBinder.Bind(context, reader);
        var contextLength = model?.Plan.Architecture.ContextLength ?? 1;
        var (batching, batchingReader) = BatchingBinder.Bind(context, reader, contextLength);
        var (deployment, pools) = DeploymentBinder.Bind(context, reader, model, batching.KvBlockSize, BatchingBinder.KvBlocks(batchingReader),
            // Activation workspace for the step size a runtime is configured with; the context-length default is a
            // scheduling bound, not a buffer size, so an undeclared one keeps none.
            batchingReader.Has("max_batched_tokens") ? batching.MaxBatchedTokens : 0);
        var benchmarkReader = BenchmarkBinder.Reader(context, reader);
        var (scenario, preset) = BenchmarkBinder.ScenarioOf(context, benchmarkReader, model);
        var (workload, workloadReader) = WorkloadBinder.Bind(context, reader, scenario);
        if (workload.Arrivals is TraceArrivals trace
            && TraceChecks.Check(context, workloadReader.SpanOf("arrivals"), trace.Path, model?.Plan.Architecture.ContextLength) is { } rows)
        {
            workload = TraceWorkload.Describe(context, workloadReader, workload, trace, rows);
        }
        if (workload.PromptTokens is DatasetPrompts dataset)
        {
            workload = DatasetChecks.Check(context, workloadReader.SpanOf("prompt"), dataset.Path, model, workload) is { } described ? described : workload;
        }
        if (model is not null)
        {
            CheckLengths(context, model, batching, batchingReader, workload, workloadReader);
        }
        var slo = SloBinder.Bind(context, reader, model, scenario, preset.Rule?.Slo);
        var benchmark = BenchmarkBinder.Bind(context, benchmarkReader, scenario, preset, workload, workloadReader, slo, pools);
        if (!context.Diagnostics.HasErrors) RunSizeChecks.Check(context, workloadReader, benchmark, model?.Plan.Architecture);
        if (context.Diagnostics.HasErrors || model is null || deployment is null) return null;
        var prompt = Math.Max(1, (int)Math.Round(WorkloadBinder.Mean(workload.PromptTokens)));
        var total = Math.Max(prompt, prompt + (int)Math.Round(WorkloadBinder.Mean(workload.OutputTokens)));
        var first = deployment.Pools[0];
        var costs = PhaseCostCalculator.Compute(model.Plan.Architecture, first.Accelerator, first.TensorParallel, prompt, total);
        return new ExperimentPlan(name, context.Source.Path, new ExecutionPlan(model.Plan, deployment, batching, costs), benchmark);
    }

    private static void CheckLengths(BindContext context, BoundModel model, BatchingPlan batching, BlockReader batchingReader, WorkloadPlan workload, BlockReader workloadReader)
    {
        var contextLength = model.Plan.Architecture.ContextLength;
        // A trace's rows were each checked against the context (PL0418); its longest prompt and output may be on different rows.
        var traceRows = workload.PromptTokens is TraceLength or DatasetPrompts;
        if (!traceRows && (long)workload.PromptTokens.Max + workload.OutputTokens.Max > contextLength)
        {
            var span = workloadReader.Setting("prompt")?.Value.Span ?? workloadReader.Setting("output")?.Value.Span ?? workloadReader.Anchor;
            context.Report(DiagnosticCatalog.SequenceExceedsContext(context.Source, span, workload.PromptTokens.Max, workload.OutputTokens.Max, contextLength));
        }
        else if (batching.Policy != BatchingPolicy.Chunked && workload.PromptTokens.Max > batching.MaxBatchedTokens && batchingReader.Has("max_batched_tokens"))
        {
            context.Report(DiagnosticCatalog.PromptExceedsBudget(context.Source, batchingReader.SpanOf("max_batched_tokens"), workload.PromptTokens.Max, batching.MaxBatchedTokens));
        }
    }
}
