namespace Pipeline.Plans;

/// <summary>
/// Everything needed to run the experiment's model: the model, where it is deployed, the scheduler's settings,
/// and the per-layer cost of each phase.
/// </summary>
public sealed record ExecutionPlan(
    ModelPlan Model,
    DeploymentPlan Deployment,
    BatchingPlan Batching,
    PhaseCosts Costs);
