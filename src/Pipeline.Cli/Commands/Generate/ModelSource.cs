using Pipeline.Compiler;
using Pipeline.Engine;
using Pipeline.Plans;

namespace Pipeline.Cli.Commands.Generate;

/// <summary>Weights to generate with, the backend their experiment asks for, and the GGUF file they came from (null for random weights).</summary>
internal sealed record ModelSource(ModelWeights Weights, LocalBackend Backend, string? GgufPath)
{
    /// <summary>
    /// Loads a GGUF file, or the model of an experiment file (random or GGUF weights). Problems are printed
    /// (GGUF errors name the problem; experiment errors are diagnostics) and give null.
    /// </summary>
    public static ModelSource? Load(string? ggufPath, string? experimentPath, CliOutput output)
    {
        try
        {
            if (ggufPath is not null) return new ModelSource(GgufModelLoader.Load(ggufPath), LocalBackend.Auto, ggufPath);
            var compiled = ExperimentCompiler.CompileFile(experimentPath!);
            DiagnosticPrinter.Print(compiled.Diagnostics, output.Error);
            if (!compiled.Success || compiled.Plan is null) return null;
            var weights = ModelWeightsLoader.Load(compiled.Plan.Execution.Model);
            var backend = compiled.Plan.Execution.Deployment.Pools[0].Accelerator.Local ?? LocalBackend.Auto;
            return new ModelSource(weights, backend, (compiled.Plan.Execution.Model.Weights as GgufWeights)?.Path);
        }
        catch (GgufFormatException exception)
        {
            output.Error.WriteLine(ggufPath is null ? $"error: {exception.Message}" : $"error: {ggufPath}: {exception.Message}");
            return null;
        }
        catch (IOException exception)
        {
            output.Error.WriteLine($"error: cannot read the model: {exception.Message}");
            return null;
        }
    }
}
