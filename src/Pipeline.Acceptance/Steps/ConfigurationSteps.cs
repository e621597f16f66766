using System.Globalization;
using Pipeline.Acceptance.Drivers;
using Pipeline.Plans;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>
/// <c>Given its ...</c> steps: change one thing about the compiled experiment, so a scenario can compare
/// policies on otherwise identical experiments without a file per variant. Changes apply in order.
/// </summary>
[Binding]
public sealed class ConfigurationSteps(ExperimentDriver experiment, PathResolver paths)
{
    /// <summary><c>Given its batching is continuous with max batch 32</c> (static, continuous or chunked).</summary>
    [Given("^its batching is (static|continuous|chunked) with max batch ([0-9]+)$")]
    public void GivenItsBatchingIs(string policy, int maxBatch) =>
        experiment.Change($"batching {policy}, max batch {maxBatch}", plan => WithBatching(plan, b => b with
        {
            Policy = Enum.Parse<BatchingPolicy>(policy, ignoreCase: true),
            MaxBatch = maxBatch,
        }));

    /// <summary><c>Given its batching is chunked with max batch 32 and 512 tokens per step</c>.</summary>
    [Given("^its batching is (static|continuous|chunked) with max batch ([0-9]+) and ([0-9]+) tokens per step$")]
    public void GivenItsBatchingWithBudget(string policy, int maxBatch, int tokens) =>
        experiment.Change($"batching {policy}, max batch {maxBatch}, {tokens} tokens per step", plan => WithBatching(plan, b => b with
        {
            Policy = Enum.Parse<BatchingPolicy>(policy, ignoreCase: true),
            MaxBatch = maxBatch,
            MaxBatchedTokens = tokens,
        }));

    /// <summary><c>Given its preemption is swap</c> (recompute or swap).</summary>
    [Given("^its preemption is (recompute|swap)$")]
    public void GivenItsPreemptionIs(string mode) =>
        experiment.Change($"preemption {mode}", plan => WithBatching(plan, b => b with
        {
            Preemption = Enum.Parse<PreemptionMode>(mode, ignoreCase: true),
        }));

    /// <summary><c>Given its workload is Poisson at 4 req/s</c>.</summary>
    [Given(@"^its workload is Poisson at ([0-9.]+) req/s$")]
    public void GivenItsWorkloadIsPoisson(double rate) =>
        experiment.Change($"Poisson arrivals at {Number(rate)} req/s", plan => WithWorkload(plan, w => w with
        {
            Arrivals = new PoissonArrivals(rate),
        }));

    /// <summary><c>Given its workload is Poisson at 4 req/s with 200 requests</c>.</summary>
    [Given(@"^its workload is Poisson at ([0-9.]+) req/s with ([0-9]+) requests$")]
    public void GivenItsWorkloadIsPoissonWithRequests(double rate, int requests) =>
        experiment.Change($"Poisson arrivals at {Number(rate)} req/s, {requests} requests", plan => WithWorkload(plan, w => w with
        {
            Arrivals = new PoissonArrivals(rate),
            Requests = requests,
            Duration = null,
        }));

    /// <summary>
    /// <c>Given its arrivals follow the trace "long-prompts.csv"</c>: a CSV of <c>arrival_s,prompt_tokens,output_tokens</c>
    /// (path resolved like the experiment's); every row of the trace is sent.
    /// </summary>
    [Given("its arrivals follow the trace {string}")]
    public void GivenItsArrivalsFollowTheTrace(string path)
    {
        var full = paths.Resolve(path);
        File.Exists(full).Should().BeTrue("the trace {0} should exist (looked in {1})", path, string.Join(", ", paths.Candidates(path)));
        experiment.Change($"arrivals from {path}", plan => WithWorkload(plan, w => w with
        {
            Arrivals = new TraceArrivals(full),
            Requests = null,
            Duration = null,
        }));
    }

    /// <summary><c>Given all its requests arrive at once</c> (MLPerf Offline's arrival pattern).</summary>
    [Given("all its requests arrive at once")]
    public void GivenAllItsRequestsArriveAtOnce() =>
        experiment.Change("all requests at once", plan => WithWorkload(plan, w => w with { Arrivals = new AllAtOnceArrivals() }));

    /// <summary><c>Given its prompts are 512 tokens and its outputs 64 tokens</c>.</summary>
    [Given("its prompts are {int} tokens and its outputs {int} tokens")]
    public void GivenItsLengths(int prompt, int output) =>
        experiment.Change($"prompts {prompt} tok, outputs {output} tok", plan => WithWorkload(plan, w => w with
        {
            PromptTokens = new FixedLength(prompt),
            OutputTokens = new FixedLength(output),
        }));

    /// <summary><c>Given its KV cache holds 40 blocks per worker</c>: a small cache forces preemption or rejection.</summary>
    [Given("its KV cache holds {int} blocks per worker")]
    public void GivenItsKvCacheHolds(int blocks) =>
        experiment.Change($"{blocks} KV blocks per worker", plan => plan with
        {
            Execution = plan.Execution with
            {
                Deployment = plan.Execution.Deployment with
                {
                    Pools = plan.Execution.Deployment.Pools
                        .Select(p => p with { KvCache = p.KvCache with { BlocksPerWorker = blocks } })
                        .ToArray(),
                },
            },
        });

    private static ExperimentPlan WithBatching(ExperimentPlan plan, Func<BatchingPlan, BatchingPlan> change) =>
        plan with { Execution = plan.Execution with { Batching = change(plan.Execution.Batching) } };

    private static ExperimentPlan WithWorkload(ExperimentPlan plan, Func<WorkloadPlan, WorkloadPlan> change) =>
        plan with { Benchmark = plan.Benchmark with { Workload = change(plan.Benchmark.Workload) } };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
