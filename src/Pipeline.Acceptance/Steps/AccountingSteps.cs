using Pipeline.Acceptance.Drivers;
using Pipeline.Serving.Accounting;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>Steps that account for every request of a run: nothing lost, nothing corrupted (features/accounting).</summary>
[Binding]
public sealed class AccountingSteps(RunDriver runs)
{
    /// <summary>
    /// <c>Then every request completed or was rejected with a reason</c>: as many requests as the experiment asked for
    /// arrived (none vanished), each one ended (the run finished; a run stopped early fails in <see cref="RunDriver"/>),
    /// completed requests produced every token they asked for and rejected ones say why.
    /// </summary>
    [Then("every request completed or was rejected with a reason")]
    public void ThenEveryRequestIsAccountedFor()
    {
        var result = runs.Latest;
        result.AbortReason.Should().BeNull("a run stopped early has requests that never ended");
        if (runs.LatestPlan.Benchmark.Workload.Requests is { } asked)
        {
            result.Timelines.Should().HaveCount(asked, "the experiment asks for {0} requests and each one has a timeline", asked);
        }
        result.Timelines.Select(t => t.RequestId).Should().OnlyHaveUniqueItems("each request is accounted for once");
        foreach (var t in result.Timelines)
        {
            if (t.Status == RequestStatus.Completed)
            {
                t.OutputTokens.Should().HaveCount(t.MaxOutputTokens, "request {0} completed, so it produced every token it asked for", t.RequestId);
            }
            else
            {
                t.Status.Should().Be(RequestStatus.Rejected);
                t.RejectionReason.Should().NotBeNullOrWhiteSpace("request {0} was rejected, and a rejection says why", t.RequestId);
            }
        }
        result.Metrics.Completed.Should().Be(result.Timelines.Count(t => t.OutputTokens.Count == t.MaxOutputTokens && t.IsCompleted));
        result.Metrics.Rejected.Should().Be(result.Timelines.Count(t => !string.IsNullOrWhiteSpace(t.RejectionReason)));
    }

    /// <summary><c>Then every request completed</c>.</summary>
    [Then("every request completed")]
    public void ThenEveryRequestCompleted() =>
        runs.Latest.Timelines.Where(t => !t.IsCompleted).Select(t => $"request {t.RequestId}: {t.RejectionReason}")
            .Should().BeEmpty();

    /// <summary><c>Then at least one request was preempted</c>: the KV cache really ran out.</summary>
    [Then("at least one request was preempted")]
    public void ThenSomeRequestWasPreempted() =>
        runs.Latest.Metrics.Preemptions.Should().BePositive("the KV cache should have run out at least once");

    /// <summary><c>Then at least one request was rejected</c>.</summary>
    [Then("at least one request was rejected")]
    public void ThenSomeRequestWasRejected() => runs.Latest.Metrics.Rejected.Should().BePositive();

    /// <summary>
    /// <c>Then every request that completed in both runs produced the same tokens as in "roomy"</c>: greedy decoding is
    /// deterministic, so preemption (recompute or swap) must not change a single token.
    /// </summary>
    [Then("every request that completed in both runs produced the same tokens as in {string}")]
    public void ThenTheTokensMatch(string other)
    {
        var reference = runs.Reference(other).Timelines.Where(t => t.IsCompleted).ToDictionary(t => t.RequestId);
        var compared = 0;
        foreach (var t in runs.Latest.Timelines.Where(t => t.IsCompleted && reference.ContainsKey(t.RequestId)))
        {
            t.OutputTokens.Should().Equal(reference[t.RequestId].OutputTokens,
                "request {0} ({1} preemption(s) here, {2} in \"{3}\") decodes greedily", t.RequestId, t.Preemptions.Count,
                reference[t.RequestId].Preemptions.Count, other);
            compared++;
        }
        compared.Should().BePositive("some requests should complete in both runs");
    }

    /// <summary><c>Then the preempted requests produced the same tokens as in "roomy"</c>, and there were some.</summary>
    [Then("the preempted requests produced the same tokens as in {string}")]
    public void ThenThePreemptedTokensMatch(string other)
    {
        var reference = runs.Reference(other).Timelines.ToDictionary(t => t.RequestId);
        var preempted = runs.Latest.Timelines.Where(t => t.IsCompleted && t.Preemptions.Count > 0).ToArray();
        preempted.Should().NotBeEmpty("some requests should have been preempted");
        foreach (var t in preempted)
        {
            reference[t.RequestId].IsCompleted.Should().BeTrue("request {0} completed in \"{1}\"", t.RequestId, other);
            t.OutputTokens.Should().Equal(reference[t.RequestId].OutputTokens,
                "request {0} was preempted {1} time(s) and decodes greedily", t.RequestId, t.Preemptions.Count);
        }
    }
}
