using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

/// <summary>PL01xx: names, references and imports.</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>PL0101: a setting the block does not have.</summary>
    public static Diagnostic UnknownSetting(SourceText source, TextSpan span, string name, string block, string? suggestion, IEnumerable<string> known) =>
        Error("PL0101", source, span, $"unknown setting `{name}` in {block}", NullIfEmpty(DidYouMean(suggestion, known)));

    /// <summary>PL0102: a nested block the enclosing block does not have.</summary>
    public static Diagnostic UnknownBlock(SourceText source, TextSpan span, string name, string block, string? suggestion, IEnumerable<string> known) =>
        Error("PL0102", source, span, $"unknown block `{name}` in {block}", NullIfEmpty(DidYouMean(suggestion, known)));

    /// <summary>PL0103: a setting given twice in one block.</summary>
    public static Diagnostic DuplicateSetting(SourceText source, TextSpan span, string name, int firstLine) =>
        Error("PL0103", source, span, $"setting `{name}` is set more than once", $"it is first set on line {firstLine}; keep one");

    /// <summary>PL0104: two declarations of the same kind share a name.</summary>
    public static Diagnostic DuplicateDeclaration(SourceText source, TextSpan span, string kind, string name, SourceLocation first) =>
        Error("PL0104", source, span, $"{kind} `{name}` is declared more than once", $"the first declaration is at {first}; rename one");

    /// <summary>PL0105: a model that is neither built in nor declared.</summary>
    public static Diagnostic UnknownModel(SourceText source, TextSpan span, string name, string? suggestion, IEnumerable<string> known) =>
        Error("PL0105", source, span, $"unknown model `{name}`",
            suggestion is not null ? DidYouMean(suggestion) : "built-in models: " + string.Join(", ", known.Order(StringComparer.Ordinal)) + "; or declare `model " + name + " { ... }`");

    /// <summary>PL0106: an accelerator that is neither built in nor declared.</summary>
    public static Diagnostic UnknownAccelerator(SourceText source, TextSpan span, string name, string? suggestion, IEnumerable<string> known) =>
        Error("PL0106", source, span, $"unknown accelerator `{name}`",
            suggestion is not null ? DidYouMean(suggestion) : "built-in accelerators: " + string.Join(", ", known.Order(StringComparer.Ordinal)) + ", or `local(auto)`");

    /// <summary>PL0107: an imported file that cannot be read.</summary>
    public static Diagnostic ImportNotFound(SourceText source, TextSpan span, string path, string resolved) =>
        Error("PL0107", source, span, $"imported file `{path}` was not found", $"looked for {resolved}; paths are relative to the importing file");

    /// <summary>PL0108: a file that imports itself, directly or not.</summary>
    public static Diagnostic ImportCycle(SourceText source, TextSpan span, IEnumerable<string> chain) =>
        Error("PL0108", source, span, "import cycle: " + string.Join(" -> ", chain), "move the shared declarations into a file that imports nothing");

    /// <summary>PL0109: the file declares no experiment.</summary>
    public static Diagnostic NoExperiment(SourceText source, TextSpan span) =>
        Error("PL0109", source, span, "the file declares no experiment", "add `experiment NAME { model ... }`");

    /// <summary>PL0110: the file declares more than one experiment.</summary>
    public static Diagnostic MultipleExperiments(SourceText source, TextSpan span, int firstLine) =>
        Error("PL0110", source, span, "a file declares one experiment", $"the experiment on line {firstLine} is this file's; move this one to its own file, or use a `sweep`");

    /// <summary>PL0111: a symbolic value that is not one of the setting's options.</summary>
    public static Diagnostic UnknownOption(SourceText source, TextSpan span, string value, string setting, string? suggestion, IEnumerable<string> options) =>
        Error("PL0111", source, span, $"`{value}` is not a valid {setting}", DidYouMean(suggestion, options) is var d && suggestion is not null ? d + " (one of: " + string.Join(", ", options) + ")" : "one of: " + string.Join(", ", options));

    /// <summary>PL0112: a call to a function the setting does not accept.</summary>
    public static Diagnostic UnknownFunction(SourceText source, TextSpan span, string name, string setting, string? suggestion, IEnumerable<string> functions) =>
        Error("PL0112", source, span, $"`{name}(...)` is not a valid {setting}", suggestion is not null ? DidYouMean(suggestion) : "one of: " + string.Join(", ", functions.Select(f => f + "(...)")));

    /// <summary>PL0113: a call argument the function does not take, or one too many.</summary>
    public static Diagnostic UnknownArgument(SourceText source, TextSpan span, string function, string? name, IReadOnlyList<string> parameters) =>
        Error("PL0113", source, span,
            name is null ? $"too many arguments to `{function}`" : $"`{function}` has no argument `{name}`",
            parameters.Count == 0 ? $"`{function}` takes no arguments" : $"`{function}` takes ({string.Join(", ", parameters)})");

    /// <summary>PL0114: a required setting or block is missing.</summary>
    public static Diagnostic MissingSetting(SourceText source, TextSpan span, string name, string block, string? hint = null) =>
        Error("PL0114", source, span, $"{block} needs `{name}`", hint);

    /// <summary>PL0115: an imported file declares an experiment, which is ignored.</summary>
    public static Diagnostic ExperimentInImport(SourceText source, TextSpan span, string name) =>
        Warning("PL0115", source, span, $"experiment `{name}` in an imported file is ignored", "imported files share `model` and `accelerator` declarations");

    /// <summary>PL0116: a required call argument is missing.</summary>
    public static Diagnostic MissingArgument(SourceText source, TextSpan span, string function, string argument, IReadOnlyList<string> parameters) =>
        Error("PL0116", source, span, $"`{function}` needs `{argument}`", $"`{function}` takes ({string.Join(", ", parameters)})");

    /// <summary>PL0117: a block (or its setting form) given twice.</summary>
    public static Diagnostic DuplicateBlock(SourceText source, TextSpan span, string keyword, int firstLine) =>
        Error("PL0117", source, span, $"`{keyword}` is given more than once", $"it is first given on line {firstLine}; merge them");

    /// <summary>PL0118: an import inside a block.</summary>
    public static Diagnostic ImportNotAtTopLevel(SourceText source, TextSpan span) =>
        Error("PL0118", source, span, "`import` is only allowed at the top level", "move it to the start of the file");

    /// <summary>PL0119: a block written without braces where it needs a body.</summary>
    public static Diagnostic BlockNeedsBody(SourceText source, TextSpan span, string keyword, string? name = null) =>
        Error("PL0119", source, span, $"`{keyword}` needs a body in braces",
            name is null ? $"write `{keyword} {{ ... }}`"
            : keyword == "model" ? $"a declaration is `model {name} {{ ... }}`; to use a built-in model, write `model {name}` inside the experiment"
            : $"write `{keyword} {name} {{ ... }}`");

    /// <summary>PL0120: a name on a block that takes none.</summary>
    public static Diagnostic UnexpectedBlockName(SourceText source, TextSpan span, string keyword, string name) =>
        Error("PL0120", source, span, $"`{keyword}` blocks have no name, but this one is named `{name}`", $"write `{keyword} {{ ... }}`");

    /// <summary>PL0121: a declaration without a name.</summary>
    public static Diagnostic MissingBlockName(SourceText source, TextSpan span, string keyword) =>
        Error("PL0121", source, span, $"`{keyword}` needs a name", $"write `{keyword} NAME {{ ... }}`");

    /// <summary>PL0122: a setting that the chosen policy ignores (warning).</summary>
    public static Diagnostic IgnoredSetting(SourceText source, TextSpan span, string name, string reason) =>
        Warning("PL0122", source, span, $"`{name}` has no effect {reason}", "remove it, or change the policy");
}
