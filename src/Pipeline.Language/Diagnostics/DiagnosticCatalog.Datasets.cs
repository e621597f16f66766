using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

public static partial class DiagnosticCatalog
{
    /// <summary>PL0426: a prompt dataset line that is not a JSON object with a string "prompt" (and, if given, a whole "output_tokens"); the message names its line.</summary>
    public static Diagnostic BadDatasetRow(SourceText source, TextSpan span, string path, string problem) =>
        Error("PL0426", source, span, $"dataset \"{path}\": {problem}",
            "each line is a JSON object: {\"prompt\": \"text\", \"output_tokens\": 128} (output_tokens optional)");

    /// <summary>PL0426: a dataset row whose prompt the model's tokenizer turns into no tokens.</summary>
    public static Diagnostic DatasetRowWithoutTokens(SourceText source, TextSpan span, string path, int line, string model) =>
        Error("PL0426", source, span, $"dataset \"{path}\": line {line}: the prompt encodes to no tokens with {model}'s tokenizer (none of its characters is in the vocabulary)",
            "write the prompt in characters the vocabulary has, or use a model whose vocabulary has byte tokens");

    /// <summary>PL0427: a prompt dataset with no rows.</summary>
    public static Diagnostic EmptyDataset(SourceText source, TextSpan span, string path, string problem) =>
        Error("PL0427", source, span, $"dataset \"{path}\" {problem}", "a dataset needs at least one prompt");

    /// <summary>PL0428: the model's GGUF file has no tokenizer the prompts can be encoded with; the message names the byte.</summary>
    public static Diagnostic UnusableTokenizer(SourceText source, TextSpan span, string path, long offset, string problem) =>
        Error("PL0428", source, span, offset > 0
                ? string.Create(CultureInfo.InvariantCulture, $"the prompts cannot be tokenized: weights \"{path}\" at byte {offset}: {problem}")
                : $"the prompts cannot be tokenized: weights \"{path}\": {problem}",
            "use a GGUF file with its tokenizer (llama.cpp's convert scripts write it), or a model with random weights (lengths are then estimated)");

    /// <summary>PL0429: a dataset row whose prompt plus output does not fit the model's context.</summary>
    public static Diagnostic DatasetRowTooLong(SourceText source, TextSpan span, string path, int line, long tokens, int context) =>
        Error("PL0429", source, span, $"dataset \"{path}\" line {line} needs {tokens} tok of context, more than the model's {context} tok",
            "shorten or drop the row, lower `output`, or use a model with a longer context");
}
