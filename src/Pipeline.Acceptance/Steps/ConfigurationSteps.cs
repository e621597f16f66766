using System.Globalization;
using Pipeline.Acceptance.Drivers;
using Pipeline.Acceptance.Internal;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>
/// <c>Given its ...</c> steps: change one setting of the experiment, so a scenario can compare policies on otherwise
/// identical experiments without a file per variant. Each change edits the experiment's text and the experiment is
/// recompiled (<see cref="ExperimentDriver.Plan"/>): a variant the compiler would reject fails the scenario, and every
/// derived value (phase costs, KV geometry, defaults) follows the change. Changes apply in order.
/// </summary>
[Binding]
public sealed class ConfigurationSteps(ExperimentDriver experiment, PathResolver paths)
{
    /// <summary><c>Given its batching is continuous with max batch 32</c> (static, continuous or chunked).</summary>
    [Given("^its batching is (static|continuous|chunked) with max batch ([0-9]+)$")]
    public void GivenItsBatchingIs(string policy, int maxBatch)
    {
        experiment.Set("batching", "policy", policy);
        experiment.Set("batching", "max_batch", Number(maxBatch));
    }

    /// <summary><c>Given its batching is chunked with max batch 32 and 512 tokens per step</c>.</summary>
    [Given("^its batching is (static|continuous|chunked) with max batch ([0-9]+) and ([0-9]+) tokens per step$")]
    public void GivenItsBatchingWithBudget(string policy, int maxBatch, int tokens)
    {
        GivenItsBatchingIs(policy, maxBatch);
        experiment.Set("batching", "max_batched_tokens", Number(tokens) + " tok");
    }

    /// <summary><c>Given its preemption is swap</c> (recompute or swap).</summary>
    [Given("^its preemption is (recompute|swap)$")]
    public void GivenItsPreemptionIs(string mode) => experiment.Set("batching", "preemption", mode);

    /// <summary><c>Given its workload is Poisson at 4 req/s</c>.</summary>
    [Given(@"^its workload is Poisson at ([0-9.]+) req/s$")]
    public void GivenItsWorkloadIsPoisson(double rate) => experiment.Set("workload", "arrivals", $"poisson(rate: {Number(rate)} req/s)");

    /// <summary><c>Given its workload is Poisson at 4 req/s with 200 requests</c>.</summary>
    [Given(@"^its workload is Poisson at ([0-9.]+) req/s with ([0-9]+) requests$")]
    public void GivenItsWorkloadIsPoissonWithRequests(double rate, int requests)
    {
        GivenItsWorkloadIsPoisson(rate);
        experiment.Remove("workload", "duration");
        experiment.Set("workload", "requests", Number(requests));
    }

    /// <summary>
    /// <c>Given its arrivals follow the trace "long-prompts.csv"</c>: a CSV of <c>arrival_s,prompt_tokens,output_tokens</c>
    /// (path resolved like the experiment's); every row of the trace is sent.
    /// </summary>
    [Given("its arrivals follow the trace {string}")]
    public void GivenItsArrivalsFollowTheTrace(string path)
    {
        var full = paths.Resolve(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"the trace \"{path}\" was not found; looked in: {string.Join(", ", paths.Candidates(path))}", path);
        experiment.Set("workload", "arrivals", $"trace({SettingEdit.Quoted(full)})");
        experiment.Remove("workload", "requests");
        experiment.Remove("workload", "duration");
    }

    /// <summary><c>Given all its requests arrive at once</c> (MLPerf Offline's arrival pattern).</summary>
    [Given("all its requests arrive at once")]
    public void GivenAllItsRequestsArriveAtOnce() => experiment.Set("workload", "arrivals", "all_at_once");

    /// <summary><c>Given its prompts are 512 tokens and its outputs 64 tokens</c>.</summary>
    [Given("its prompts are {int} tokens and its outputs {int} tokens")]
    public void GivenItsLengths(int prompt, int output)
    {
        experiment.Set("workload", "prompt", $"fixed({Number(prompt)} tok)");
        experiment.Set("workload", "output", $"fixed({Number(output)} tok)");
    }

    /// <summary>
    /// <c>Given its KV cache holds 40 blocks per worker</c>: sets <c>batching.kv_blocks</c>, so a small cache forces
    /// preemption or rejection.
    /// </summary>
    [Given("its KV cache holds {int} blocks per worker")]
    public void GivenItsKvCacheHolds(int blocks) => experiment.Set("batching", "kv_blocks", Number(blocks));

    /// <summary><c>Given it runs on 4 workers</c>: <c>hardware.workers</c>, replicas behind the router.</summary>
    [Given("it runs on {int} workers")]
    public void GivenItRunsOnWorkers(int workers) => experiment.Set("hardware", "workers", Number(workers));

    /// <summary><c>Given its prefill runs in separate steps</c>: continuous batching as vLLM 0.4 ran it (<c>batching.prefill = separate</c>).</summary>
    [Given("its prefill runs in separate steps")]
    public void GivenItsPrefillRunsSeparately() => experiment.Set("batching", "prefill", "separate");

    /// <summary>
    /// <c>Given its arrivals are gathered in groups of up to 96 or for 300 ms</c>: harness-side batching
    /// (<c>hardware.dispatch = gather(size: 96, window: 300 ms)</c>).
    /// </summary>
    [Given("its arrivals are gathered in groups of up to {int} or for {int} ms")]
    public void GivenItsArrivalsAreGathered(int size, int milliseconds) =>
        experiment.Set("hardware", "dispatch", $"gather(size: {Number(size)}, window: {Number(milliseconds)} ms)");

    /// <summary>
    /// <c>Given each query is routed as it arrives to the worker holding the fewest requests</c>: <c>hardware.routing =
    /// least_requests</c> with <c>hardware.dispatch = immediate</c>.
    /// </summary>
    [Given("each query is routed as it arrives to the worker holding the fewest requests")]
    public void GivenEachQueryIsRoutedToTheLeastBusy()
    {
        experiment.Set("hardware", "routing", "least_requests");
        experiment.Set("hardware", "dispatch", "immediate");
    }

    /// <summary>
    /// <c>Given its workers take queries from one shared queue</c>: <c>hardware.dispatch = shared_queue</c>, with no
    /// <c>routing</c> (nothing is routed).
    /// </summary>
    [Given("its workers take queries from one shared queue")]
    public void GivenItsWorkersTakeFromOneQueue()
    {
        experiment.Remove("hardware", "routing");
        experiment.Set("hardware", "dispatch", "shared_queue");
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
