using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Language.Units;

namespace Pipeline.Compiler.Internal;

/// <summary>
/// One block's settings and nested blocks, indexed by key. Unknown, duplicate and misplaced statements are reported
/// once, when the reader is made; the typed reads then look settings up by key (and sweep overrides by path).
/// </summary>
internal sealed class BlockReader
{
    private readonly Dictionary<string, SettingSyntax> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BlockSyntax> _blocks = new(StringComparer.Ordinal);
    private readonly TextSpan _fallback;

    public BlockReader(BindContext context, SourceText source, BlockSyntax? block, string path, string description,
        IReadOnlyCollection<string> settings, IReadOnlyCollection<string>? blocks = null, bool allowRepeatedKeys = false, TextSpan? fallback = null)
    {
        _fallback = fallback ?? new TextSpan(0, 0);
        Context = context;
        Source = source;
        Block = block;
        Path = path;
        Description = description;
        blocks ??= [];
        foreach (var statement in block?.Statements ?? [])
        {
            switch (statement)
            {
                case ImportSyntax import:
                    context.Report(DiagnosticCatalog.ImportNotAtTopLevel(source, import.Span));
                    break;
                case SettingSyntax setting when settings.Contains(setting.Key.Text):
                    var id = allowRepeatedKeys ? SettingId(setting) : setting.Key.Text;
                    if (_blocks.TryGetValue(setting.Key.Text, out var blockFirst))
                    {
                        context.Report(DiagnosticCatalog.DuplicateBlock(source, setting.Key.Span, setting.Key.Text, Line(blockFirst.Span)));
                    }
                    else if (_settings.TryGetValue(id, out var first))
                    {
                        context.Report(DiagnosticCatalog.DuplicateSetting(source, setting.Key.Span, id, Line(first.Span)));
                    }
                    else
                    {
                        _settings[id] = setting;
                    }
                    break;
                case SettingSyntax setting:
                    context.Report(DiagnosticCatalog.UnknownSetting(source, setting.Key.Span, setting.Key.Text, description,
                        Suggestions.Closest(setting.Key.Text, settings.Concat(blocks)), settings));
                    break;
                case BlockSyntax nested when blocks.Contains(nested.Keyword.Text) && nested.Keyword.Text != "model" && nested.IsReference:
                    context.Report(DiagnosticCatalog.BlockNeedsBody(source, nested.Span, nested.Keyword.Text));
                    break;
                case BlockSyntax nested when blocks.Contains(nested.Keyword.Text) && nested.Keyword.Text != "model" && nested.Name is not null:
                    context.Report(DiagnosticCatalog.UnexpectedBlockName(source, nested.Name.Span, nested.Keyword.Text, nested.Name.Text));
                    break;
                case BlockSyntax nested when blocks.Contains(nested.Keyword.Text):
                    if (_blocks.TryGetValue(nested.Keyword.Text, out var firstBlock))
                    {
                        context.Report(DiagnosticCatalog.DuplicateBlock(source, nested.Keyword.Span, nested.Keyword.Text, Line(firstBlock.Span)));
                    }
                    else if (_settings.TryGetValue(nested.Keyword.Text, out var firstSetting))
                    {
                        context.Report(DiagnosticCatalog.DuplicateBlock(source, nested.Keyword.Span, nested.Keyword.Text, Line(firstSetting.Span)));
                    }
                    else
                    {
                        _blocks[nested.Keyword.Text] = nested;
                    }
                    break;
                case BlockSyntax nested:
                    context.Report(DiagnosticCatalog.UnknownBlock(source, nested.Keyword.Span, nested.Keyword.Text, description,
                        Suggestions.Closest(nested.Keyword.Text, blocks.Concat(settings)), blocks));
                    break;
            }
        }
    }

    public BindContext Context { get; }

    public SourceText Source { get; }

    public BlockSyntax? Block { get; }

    /// <summary>Dotted path of the block (<c>batching</c>, <c>disaggregation.prefill</c>).</summary>
    public string Path { get; }

    /// <summary>How diagnostics name the block (<c>batching</c>, <c>model `tiny`</c>).</summary>
    public string Description { get; }

    /// <summary>Where to point when something required is missing: the block's name or keyword, or the enclosing block's when it is absent.</summary>
    public TextSpan Anchor => Block?.Name?.Span ?? Block?.Keyword.Span ?? _fallback;

    public IEnumerable<SettingSyntax> Settings => _settings.Values.OrderBy(s => s.Span.Start);

    public SettingSyntax? Setting(string key) => _settings.GetValueOrDefault(key);

    public BlockSyntax? NestedBlock(string keyword) => _blocks.GetValueOrDefault(keyword);

    public bool Has(string key) => _settings.ContainsKey(key) || Context.Overrides.ContainsKey(Path + "." + key);

    /// <summary>The span of a setting's value, or the block anchor.</summary>
    public TextSpan SpanOf(string key) => Setting(key)?.Value.Span ?? Anchor;

    public double? Number(string key, Dimension dimension, NumberRule rule, double @default) =>
        ValueReader.Number(Context, Source, Value(key), key, Path + "." + key, dimension, rule, @default);

    /// <summary>A whole number; values above <paramref name="max"/> are out of range (sizes are bounded so that byte counts cannot overflow).</summary>
    public int Int(string key, NumberRule rule, int @default, int max = int.MaxValue) =>
        Bounded(key, ValueReader.Number(Context, Source, Value(key), key, Path + "." + key, Dimension.None, rule, @default), @default, max, rule);

    /// <summary>A token count (unit required), at most <paramref name="max"/>.</summary>
    public int Tokens(string key, int @default, int max = int.MaxValue) =>
        Bounded(key, ValueReader.Number(Context, Source, Value(key), key, Path + "." + key, Dimension.Tokens, NumberRule.Count, @default), @default, max, NumberRule.Count);

    /// <summary>The longest host or link time a setting may give (an hour): longer is no server, and its sums leave a double's range.</summary>
    public const double LongestOverhead = 3600;

    /// <summary>A host or link time (an overhead, a latency): from 0 to <see cref="LongestOverhead"/>.</summary>
    public double Overhead(string key, double @default)
    {
        var value = Number(key, Dimension.Time, NumberRule.NonNegative, @default);
        if (value is null) return @default;
        if (value <= LongestOverhead) return value.Value;
        ReportOutOfRange(key, value.Value, "[0, 3600 s]");
        return @default;
    }

    /// <summary>A share from 0 to 1 inclusive (a part of something that may be none of it, unlike an efficiency).</summary>
    public double Share(string key, double @default)
    {
        var value = Number(key, Dimension.None, NumberRule.NonNegative, @default);
        if (value is null) return @default;
        if (value <= 1) return value.Value;
        ReportOutOfRange(key, value.Value, "[0, 1]");
        return @default;
    }

    private int Bounded(string key, double? value, int @default, int max, NumberRule rule)
    {
        if (value is null) return @default;
        if (value <= max) return (int)value.Value;
        ReportOutOfRange(key, value.Value, $"[{(rule == NumberRule.Seed ? 0 : 1)}, {max}]");
        return @default;
    }

    private void ReportOutOfRange(string key, double value, string range) =>
        ValueReader.ReportOutOfRange(Context, Source, SpanOf(key), key, Path + "." + key, value, range);

    /// <summary>A symbolic option; reports wrong kinds and unknown options (with a suggestion).</summary>
    public T Option<T>(string key, IReadOnlyDictionary<string, T> options, T @default, string what)
    {
        var setting = Setting(key);
        if (setting is null) return @default;
        return OptionOf(Context, Source, setting.Value, key, options, what) is (true, var value) ? value : @default;
    }

    public static (bool Ok, T Value) OptionOf<T>(BindContext context, SourceText source, ValueSyntax syntax, string key, IReadOnlyDictionary<string, T> options, string what)
    {
        if (syntax is not SymbolSyntax symbol)
        {
            context.Report(DiagnosticCatalog.WrongValueKind(source, syntax.Span, key, "one of " + string.Join(", ", options.Keys), ValueReader.Describe(syntax)));
            return (false, default!);
        }
        if (options.TryGetValue(symbol.Name, out var value)) return (true, value);
        context.Report(DiagnosticCatalog.UnknownOption(source, symbol.Span, symbol.Name, what, Suggestions.Closest(symbol.Name, options.Keys), options.Keys));
        return (false, default!);
    }

    private ValueSyntax? Value(string key) => Setting(key)?.Value;

    private int Line(TextSpan span) => Source.GetLocation(span.Start).Line;

    private static string SettingId(SettingSyntax setting) =>
        string.Join(" ", new[] { setting.Key.Text }.Concat(setting.Qualifiers.Select(q => q.Text)));
}
