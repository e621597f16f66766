using Pipeline.Plans;
using Pipeline.Serving.Workload;

namespace Pipeline.Calibration.Local;

/// <summary>
/// The shapes <c>calibrate --local</c> measures, on two random-weight Llama-shaped f32 models: the examples' tiny
/// model (where steps are mostly per-kernel and per-step overhead) and a wider one (where GEMMs, weight streaming
/// and KV reads dominate), so that overheads and efficiencies can be told apart. Decode at batch 1, 4, 16, 32 over
/// contexts 64-512; prefill of 16-512 tokens.
/// </summary>
public static class LocalShapes
{
    /// <summary>The examples' tiny model (examples/shared/hardware.pipe).</summary>
    public static ModelArchitecture Tiny { get; } = new(2, 64, 4, 2, 172, 256, 1024, 10000, 1e-5, DType.F32);

    /// <summary>A wider model: 4 layers, hidden 512, 8 heads, 4 KV heads.</summary>
    public static ModelArchitecture Small { get; } = new(4, 512, 8, 4, 1376, 2048, 1024, 10000, 1e-5, DType.F32);

    /// <summary>The full set on both models (68 shapes).</summary>
    public static IReadOnlyList<LocalShape> All { get; } = Build(full: true, tiny: true, small: true);

    /// <summary>The full set on the tiny model only (34 shapes).</summary>
    public static IReadOnlyList<LocalShape> TinyOnly { get; } = Build(full: true, tiny: true, small: false);

    /// <summary>The fixed sets by the names <c>--models</c> and <c>--calibrate-local</c> take: tiny, all, smoke.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tiny", "all", "smoke"];

    /// <summary>A fixed set by name (<see cref="Names"/>), or null.</summary>
    public static IReadOnlyList<LocalShape>? Named(string name) => name switch { "all" => All, "tiny" => TinyOnly, "smoke" => Smoke, _ => null };

    /// <summary>A handful of shapes for smoke tests.</summary>
    public static IReadOnlyList<LocalShape> Smoke { get; } = Build(full: false, tiny: true, small: true);

    /// <summary>Requests whose lengths <see cref="For"/> reads to place its shapes.</summary>
    public const int SampledRequests = 512;

    /// <summary>Most sequences in a decode shape of <see cref="For"/> (the calibration's cost grows with the batch).</summary>
    public const int MaxDecodeBatch = EngineStepTimes.MaxSequences;

    /// <summary>
    /// The shapes an experiment's own run takes (Vidur's rule: profile the operators where the workload runs them): its
    /// model; prefills of one prompt at the 10th, 30th, 50th, 70th and 90th percentiles of the workload's prompt lengths
    /// (from its first <see cref="SampledRequests"/> requests, the same seeded stream the run draws), and two median
    /// prompts together; decodes at batch 1, 2, 4, ... up to its <c>max_batch</c> (at most <see cref="MaxDecodeBatch"/>)
    /// over the 10th, 50th and 90th percentiles of a sequence's mid-output context (prompt + half its output). Lengths are
    /// capped at the measuring engine's cache (<see cref="EngineStepTimes.MaxTokens"/>); a workload without lengths
    /// falls back to <see cref="TinyOnly"/>.
    /// </summary>
    /// <param name="plan">The compiled experiment.</param>
    /// <param name="baseDirectory">Directory its files are relative to (a trace's), or null for the current one.</param>
    public static IReadOnlyList<LocalShape> For(ExperimentPlan plan, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var model = plan.Execution.Model.Architecture;
        var name = plan.Execution.Model.Name;
        var (stream, _) = RequestStream.Open(plan.Benchmark.Workload, model.Vocab, baseDirectory);
        var prompts = new List<int>();
        var contexts = new List<int>();
        while (stream is not null && prompts.Count < SampledRequests && stream.TryNextLengths(out var prompt, out var output))
        {
            prompts.Add(prompt);
            contexts.Add(prompt + Math.Max(1, output / 2));
        }
        if (prompts.Count == 0) return TinyOnly;
        prompts.Sort();
        contexts.Sort();
        var longest = Math.Max(1, Math.Min(EngineStepTimes.MaxTokens - 1, model.ContextLength - 1));
        int Quantile(List<int> sorted, double q) => Math.Clamp(sorted[(int)Math.Round(q * (sorted.Count - 1))], 1, longest);
        var shapes = new List<LocalShape>();
        var contextPoints = new[] { 0.1, 0.5, 0.9 }.Select(q => Quantile(contexts, q)).Distinct().ToArray();
        for (var batch = 1; batch <= Math.Min(MaxDecodeBatch, Math.Max(1, plan.Execution.Batching.MaxBatch)); batch *= 2)
        {
            foreach (var context in contextPoints) shapes.Add(new LocalShape(model, name, batch, 1, context));
        }
        foreach (var prompt in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 }.Select(q => Quantile(prompts, q)).Distinct())
        {
            shapes.Add(new LocalShape(model, name, 1, prompt, 0));
        }
        if (plan.Execution.Batching.MaxBatch >= 2) shapes.Add(new LocalShape(model, name, 2, Quantile(prompts, 0.5), 0));
        return shapes;
    }

    private static List<LocalShape> Build(bool full, bool tiny, bool small)
    {
        var shapes = new List<LocalShape>();
        var models = new[] { (Tiny, "tiny", tiny), (Small, "small", small) }.Where(m => m.Item3);
        foreach (var (model, name, _) in models)
        {
            int[] batches = full ? [1, 2, 4, 8, 16, 32] : [1, 4];
            int[] contexts = full ? [16, 64, 256, 512] : [64];
            int[] prompts = full ? [8, 16, 24, 32, 48, 64, 128, 256, 512] : [16];
            foreach (var batch in batches)
            {
                foreach (var context in contexts) shapes.Add(new LocalShape(model, name, batch, 1, context));
            }
            foreach (var prompt in prompts) shapes.Add(new LocalShape(model, name, 1, prompt, 0));
            if (full) shapes.Add(new LocalShape(model, name, 4, 32, 0));
        }
        return shapes;
    }
}
