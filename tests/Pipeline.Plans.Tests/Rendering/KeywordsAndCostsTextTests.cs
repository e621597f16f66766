using Pipeline.Plans.Costs;
using Pipeline.Plans.Rendering;

namespace Pipeline.Plans.Tests.Rendering;

public sealed class KeywordsAndCostsTextTests
{
    [Fact]
    public void Enum_values_render_as_experiment_keywords()
    {
        var text = PlanTextRenderer.Render(SamplePlans.Colocated());

        text.Should().Contain("routing: least_loaded").And.Contain("policy: continuous").And.Contain("dtype: bf16");
        PlanTextRenderer.Render(SamplePlans.DisaggregatedLocal()).Should().Contain("pool prefill").And.Contain("pool decode")
            .And.Contain("preemption: swap").And.Contain("prefill: separate");
    }

    [Theory]
    [InlineData(RoutingPolicy.RoundRobin, "colocated 2 workers, round-robin")]
    [InlineData(RoutingPolicy.LeastLoaded, "colocated 2 workers, least-loaded")]
    [InlineData(RoutingPolicy.LeastRequests, "colocated 2 workers, least-requests")]
    public void A_deployment_says_its_routing_in_words(RoutingPolicy routing, string words)
    {
        var deployment = SamplePlans.Colocated().Execution.Deployment with { Routing = routing };
        Describe.Deployment(deployment).Should().StartWith(words);
    }

    [Fact]
    public void A_deployment_says_its_dispatch_and_a_colocated_shared_queue_no_routing()
    {
        var deployment = SamplePlans.Colocated().Execution.Deployment;

        Describe.Deployment(deployment with { Dispatch = SharedQueueDispatch.Instance }).Should().Be("colocated 2 workers, shared queue");
        var plan = SamplePlans.Colocated();
        PlanTextRenderer.Render(plan with { Execution = plan.Execution with { Deployment = deployment with { Dispatch = SharedQueueDispatch.Instance } } })
            .Should().Contain("routing: none (shared queue)").And.Contain("dispatch: shared queue");
        Describe.Deployment(deployment with { Dispatch = new ArrivalGathering(96, 0.3) }).Should().Be("colocated 2 workers, least-loaded, gather(size 96, window 300 ms)");
        var disaggregated = SamplePlans.DisaggregatedLocal().Execution.Deployment with { Dispatch = SharedQueueDispatch.Instance };
        Describe.Deployment(disaggregated).Should().EndWith("decode, round-robin, shared queue");
        PlanJsonRenderer.Render(SamplePlans.Colocated() with
        {
            Execution = SamplePlans.Colocated().Execution with { Deployment = deployment with { Dispatch = SharedQueueDispatch.Instance } },
        }).Should().Contain("\"policy\": \"shared_queue\"");
    }

    [Fact]
    public void Costs_render_alone_with_a_row_per_operator_and_an_unknown_verdict_without_an_accelerator()
    {
        var model = new ModelArchitecture(1, 8, 2, 1, 16, 10, 64, 10_000, 1e-5, DType.F32);

        var text = PlanTextRenderer.RenderCosts(PhaseCostCalculator.Compute(model, null, 1, 3, 4));

        text.Split('\n').Should().Contain(l => l.TrimStart().StartsWith("qkv_proj ") && l.Contains("7.68e2"));
        text.Should().Contain("ridge_point: unknown").And.Contain("bound: unknown").And.Contain("flops: 4.492e3 FLOP");
    }
}
