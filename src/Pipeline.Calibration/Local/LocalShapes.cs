using Pipeline.Plans;

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

    /// <summary>A handful of shapes for smoke tests.</summary>
    public static IReadOnlyList<LocalShape> Smoke { get; } = Build(full: false, tiny: true, small: true);

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
