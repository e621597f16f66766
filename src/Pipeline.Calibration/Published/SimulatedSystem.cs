namespace Pipeline.Calibration.Published;

/// <summary>How a published system is simulated: one replica of its deployment, configured as its submitters did.</summary>
/// <param name="Accelerator">Catalogue accelerator.</param>
/// <param name="Power">Board power limit, watts, when the system ran its accelerators above the rated power.</param>
/// <param name="TensorParallel">Accelerators per pipeline stage of a replica.</param>
/// <param name="Replicas">Data-parallel replicas (accelerators / (tensor x pipeline parallelism)).</param>
/// <param name="MaxBatch">Largest batch of one replica.</param>
/// <param name="TokenBudget">Most tokens per step.</param>
/// <param name="Batching">The batching block's policy settings (<c>policy = chunked</c>, ...).</param>
/// <param name="Stack">The serving stack in words.</param>
/// <param name="Weights">Weight element type (<c>fp8</c>, or <c>fp4</c> with an fp8 KV cache).</param>
/// <param name="PipelineParallel">Pipeline stages per replica (the table's <c>pp</c>).</param>
public sealed record SimulatedSystem(
    string Accelerator,
    double? Power,
    int TensorParallel,
    int Replicas,
    int MaxBatch,
    int TokenBudget,
    string Batching,
    string Stack,
    string Weights = "fp8",
    int PipelineParallel = 1);
