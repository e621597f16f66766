using System.CommandLine;
using Pipeline.Engine;
using Pipeline.Kernels;

namespace Pipeline.Cli.Commands.Generate;

/// <summary>
/// <c>pipeline generate --model FILE.gguf|--experiment FILE.pipe --prompt "text"|--prompt-tokens 1,2,3 --max-tokens N</c>:
/// one prefill and a decode loop on the engine. A text prompt is encoded with the GGUF's own tokenizer (through its
/// chat template unless <c>--raw</c>) and the generated text is streamed as it decodes, stopping at an
/// end-of-generation token; token ids in give token ids out.
/// </summary>
internal sealed class GenerateCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var model = new Option<string?>("--model") { Description = "A llama-architecture GGUF file (f32, f16, Q8_0, Q4_0, Q4_K, Q5_K or Q6_K tensors: Q4_K_M and Q5_K_M files load)." };
        var experiment = new Option<string?>("--experiment") { Description = "An experiment file whose model (random or GGUF weights) to load." };
        var prompt = new Option<string?>("--prompt-tokens") { Description = "Comma-separated prompt token ids, e.g. 1,2,3." };
        var text = new Option<string?>("--prompt") { Description = "A text prompt, encoded with the GGUF's tokenizer (through its chat template unless --raw); the output is text." };
        var raw = new Option<bool>("--raw") { Description = "Send --prompt as it is, without the model's chat template." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens to generate.", DefaultValueFactory = _ => 16 };
        var greedy = new Option<bool>("--greedy") { Description = "Greedy sampling (the default unless --temperature is given)." };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature (> 0)." };
        var topK = new Option<int>("--top-k") { Description = "Keep the k most likely tokens (0: all).", DefaultValueFactory = _ => 0 };
        var topP = new Option<float>("--top-p") { Description = "Nucleus sampling mass in (0, 1].", DefaultValueFactory = _ => 1f };
        var seed = new Option<int>("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 0 };
        var backend = new Option<string?>("--backend") { Description = "auto | cpu | ilgpu-cpu | cuda (default: the experiment's, else auto)." };
        var json = new Option<bool>("--json") { Description = "Print JSON (tokens, per-step argmax, timings)." };
        var dumpLogits = new Option<string?>("--dump-logits") { Description = "Write every generated step's float32 logits (little-endian, [steps, vocab]) to this file." };
        var command = new Command("generate", "Generate text from a text prompt, or tokens from token ids, on the inference engine.")
        {
            model, experiment, prompt, text, raw, maxTokens, greedy, temperature, topK, topP, seed, backend, json, dumpLogits,
        };
        command.SetAction(parse => Execute(new GenerateRequest(
            parse.GetValue(model), parse.GetValue(experiment), parse.GetValue(prompt), parse.GetValue(text), parse.GetValue(raw), parse.GetValue(maxTokens),
            parse.GetValue(greedy), parse.GetValue(temperature), parse.GetValue(topK), parse.GetValue(topP), parse.GetValue(seed),
            parse.GetValue(backend), parse.GetValue(json), parse.GetValue(dumpLogits)), output));
        return command;
    }

    private static int Execute(GenerateRequest request, CliOutput output)
    {
        if (request.Validate() is { } usageError)
        {
            output.Error.WriteLine($"error: {usageError}");
            return ExitCodes.Usage;
        }
        var loaded = ModelSource.Load(request.ModelPath, request.ExperimentPath, output);
        if (loaded is null) return ExitCodes.Errors;
        var textPrompt = request.Prompt is { } promptText ? TextPrompt.Build(loaded.GgufPath, promptText, request.Raw, output) : null;
        if (request.Prompt is not null && textPrompt is null) return ExitCodes.Errors;
        var promptTokens = textPrompt?.Tokens ?? request.PromptTokens();
        var architecture = loaded.Weights.Architecture;
        var outside = promptTokens.Where(t => t >= architecture.Vocab).ToArray();
        if (outside.Length > 0)
        {
            output.Error.WriteLine($"error: prompt token {outside[0]} is outside the model's vocabulary [0, {architecture.Vocab})");
            return ExitCodes.Usage;
        }
        if (promptTokens.Count + request.MaxTokens > architecture.ContextLength)
        {
            output.Error.WriteLine($"error: prompt ({promptTokens.Count}) + max tokens ({request.MaxTokens}) exceed the model's context of {architecture.ContextLength} tokens");
            return ExitCodes.Usage;
        }
        IKernelBackend backend;
        try
        {
            backend = BackendFactory.Create(request.Backend() ?? loaded.Backend);
        }
        catch (InvalidOperationException exception)
        {
            output.Error.WriteLine($"error: {exception.Message}");
            return ExitCodes.Errors;
        }
        using (backend)
        using (var model = TransformerModel.Create(backend, loaded.Weights))
        using (var generator = new TextGenerator(model))
        {
            var streamer = textPrompt is not null && !request.Json ? new TextStreamer(textPrompt.Tokenizer, output.Out) : null;
            Func<int, bool>? onToken = textPrompt is null ? null : streamer is not null ? streamer.Add : token => !textPrompt.Tokenizer.IsEndOfGeneration(token);
            var result = generator.Generate(promptTokens, request.MaxTokens, request.Sampling(), request.DumpLogitsPath is not null, onToken);
            if (request.DumpLogitsPath is { } path) LogitsFile.Write(path, result.Logits);
            if (streamer is not null)
            {
                streamer.Finish();
                GenerationPrinter.PrintTimings(result, promptTokens.Count, model.DeviceName, output.Error);
            }
            else
            {
                GenerationPrinter.Print(result, promptTokens, model.DeviceName, request.Json, output.Out, textPrompt?.Tokenizer);
            }
        }
        return ExitCodes.Ok;
    }
}
