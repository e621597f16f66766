using System.Globalization;
using System.Text;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Published;

/// <summary>
/// Writes the experiment that simulates one published result: one replica of the system (replicas that serve
/// independent shares of the load: one at 1/replicas of the rate, times the replicas, is the whole system) or, where
/// the harness routes each query by the replicas' load or gathers arrivals into groups, all of them
/// (<see cref="SimulatedSystem.Shares"/>); its accelerator with any cost parameters being fitted, and the MLPerf
/// workload. Everything goes through the compiler, as any experiment does.
/// </summary>
public static class RowExperiment
{
    /// <summary>
    /// Requests the row's run simulates, as many as LoadGen issued to the whole system, shared among the
    /// <see cref="SimulatedSystem.Shares"/> (each replica's, or all of them for a system simulated whole).
    /// Offline: LoadGen's sample count, the larger of the data set (24,576) and the expected rate x the run's
    /// <c>min_duration</c> x 1.1: the row's own published duration (<see cref="PublishedRunDurations"/>, 2,400 s for
    /// most NVIDIA-stack systems: the H200's summary prints <c>samples_per_query : 274560</c>, 104 x 2,400 x 1.1), else
    /// the rules' 600 s. A shorter run spends a larger share of its time draining its last batch, which reads low.
    /// Server: <paramref name="length"/>, the row's own published run unless told otherwise (<see cref="ServerRunLength.Of"/>).
    /// Both are measured as LoadGen measures them (<see cref="RowSimulator"/>).
    /// </summary>
    public static int RequestsPerShare(PublishedResult row, SimulatedSystem system, ServerRunLength? length = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(system);
        if (!row.IsOffline) return (length ?? ServerRunLength.Of(row)).QueriesPerShare((row.TargetQps ?? 0) / system.Shares, system.Shares);
        var seconds = PublishedRunDurations.Of(row) ?? OfflineRule.MinDuration;
        // LoadGen's Offline query: 10% more samples than the expected rate fills the duration with.
        var samples = Math.Max(OfflineRule.MinQueryCount, (row.TargetQps ?? 0) * seconds * 1.1);
        return (int)Math.Ceiling(samples / system.Shares);
    }

    // MLPerf's Llama 2 70B Offline rules: the data set (24,576 samples) and 600 s at least.
    private static readonly MlperfRule OfflineRule = MlperfRules.TryGet("llama-2-70b", Scenario.Offline, out var rule)
        ? rule
        : throw new InvalidOperationException("MLPerf's rules name llama-2-70b.");

    /// <summary>Queries per slot of a closed batch's run (<c>closedBatch</c> of <see cref="Text"/>).</summary>
    public const int ClosedBatchQueriesPerSlot = 50;

    /// <summary>The experiment text.</summary>
    /// <param name="row">The published result.</param>
    /// <param name="system">How it is simulated.</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="cost">Cost settings to declare on the accelerator (<c>name = value</c> lines), or empty.</param>
    /// <param name="seed">Seed of the workload.</param>
    /// <param name="limits">Latency limits the run is judged VALID against (a Server row's search, <see cref="Fidelity.MatchedRates"/>), or none.</param>
    /// <param name="length">How long a Server run lasts (the row's published run when null).</param>
    /// <param name="closedBatch">Hold this many queries in one replica instead of the row's arrivals: all arrive at once
    /// and <c>max_batch</c> is this, so from the first prompts on every step carries this batch (each completion makes
    /// room for the next prompt), with the row's scenario and so its streaming (<see cref="Fidelity.PublishedBatchTpots"/>).
    /// The run has <see cref="ClosedBatchQueriesPerSlot"/> queries per slot, so the fill and the drain, whose batches are
    /// not this one, touch a few per cent of them. Arrivals are not gathered.</param>
    public static string Text(PublishedResult row, SimulatedSystem system, MlperfWorkload workload, IReadOnlyList<string> cost, int seed = 1,
        ServerLimits? limits = null, ServerRunLength? length = null, int? closedBatch = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(cost);
        if (closedBatch is < 1) throw new ArgumentOutOfRangeException(nameof(closedBatch), closedBatch, "A closed batch holds at least one query.");
        // A held batch is one replica, neither gathered nor routed, batching at most the batch it holds.
        var run = closedBatch is { } batch ? system with { MaxBatch = batch, Dispatch = null, Routing = null } : system;
        var text = new StringBuilder();
        var accelerator = system.Accelerator;
        text.Append(CultureInfo.InvariantCulture, $"// {row.Label}: published {row.TokensPerSecond:0.#} tok/s (line {row.Line}); {system.Stack}\n");
        if (system.Power is not null || cost.Count > 0)
        {
            accelerator = system.Accelerator + "-as-run";
            text.Append(CultureInfo.InvariantCulture, $"accelerator {accelerator} {{\n  base = {system.Accelerator}\n");
            if (system.Power is { } power) text.Append(CultureInfo.InvariantCulture, $"  power = {power} W\n");
            if (cost.Count > 0) text.Append("  cost {\n").Append(string.Concat(cost.Select(c => "    " + c + "\n"))).Append("  }\n");
            text.Append("}\n");
        }
        var requests = closedBatch is { } held ? held * ClosedBatchQueriesPerSlot : RequestsPerShare(row, system, length);
        var stages = system.PipelineParallel > 1 ? string.Create(CultureInfo.InvariantCulture, $"   pp = {system.PipelineParallel}") : string.Empty;
        var dispatch = run.Dispatch is null ? string.Empty : "   dispatch = " + run.Dispatch;
        var routing = run.Routing is null ? string.Empty : "   routing = " + run.Routing;
        var arrivals = closedBatch is not null
            ? "arrivals = all_at_once   "
            : row.IsOffline
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"arrivals = poisson(rate: {(row.TargetQps ?? 1) / system.Shares:0.######} req/s)   ");
        text.Append(CultureInfo.InvariantCulture, $$"""
            experiment published-row {
              model llama-2-70b-{{system.Weights}} { base = llama-2-70b  dtype = {{system.Weights}}{{(system.Weights == "fp8" ? "" : "  kv_dtype = fp8")}} }
              hardware { accelerator = {{accelerator}}   tp = {{system.TensorParallel}}{{stages}}   workers = {{run.SimulatedReplicas}}{{dispatch}}{{routing}} }
              batching { {{system.Batching}}   max_batch = {{run.MaxBatch}}   max_batched_tokens = {{system.TokenBudget}} tok }
              workload { {{arrivals}}{{workload.Lengths}}   requests = {{requests}}   seed = {{seed}} }
              {{(limits is null ? "" : limits.SloBlock + "\n  ")}}benchmark { scenario = {{(row.IsOffline ? "offline" : "server")}}   mode = simulate   min_queries = {{requests}}   seed = {{seed}} }
            }

            """);
        return text.ToString();
    }
}
