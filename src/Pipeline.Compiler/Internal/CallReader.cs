using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;

namespace Pipeline.Compiler.Internal;

/// <summary>Matches a call (or a bare name, for functions without required arguments) to one of a setting's signatures.</summary>
internal static class CallReader
{
    public static BoundCall? Read(BindContext context, SourceText source, ValueSyntax syntax, string setting, string what, IReadOnlyList<Signature> signatures)
    {
        var names = signatures.Select(s => s.Name).ToArray();
        switch (syntax)
        {
            case SymbolSyntax symbol:
                var bare = signatures.FirstOrDefault(s => s.Name == symbol.Name);
                if (bare is null)
                {
                    context.Report(DiagnosticCatalog.UnknownOption(source, symbol.Span, symbol.Name, what, Suggestions.Closest(symbol.Name, names), names));
                    return null;
                }
                if (bare.Required > 0)
                {
                    context.Report(DiagnosticCatalog.MissingArgument(source, symbol.Span, bare.Name, bare.Parameters[0], bare.Parameters));
                    return null;
                }
                return new BoundCall(bare.Name, new Dictionary<string, ValueSyntax>(), symbol.Span);
            case CallSyntax call:
                var signature = signatures.FirstOrDefault(s => s.Name == call.Function.Text);
                if (signature is null)
                {
                    context.Report(DiagnosticCatalog.UnknownFunction(source, call.Function.Span, call.Function.Text, what, Suggestions.Closest(call.Function.Text, names), names));
                    return null;
                }
                return Match(context, source, call, signature);
            default:
                context.Report(DiagnosticCatalog.WrongValueKind(source, syntax.Span, setting, "one of " + string.Join(", ", names.Select(n => n + "(...)")), ValueReader.Describe(syntax)));
                return null;
        }
    }

    public static BoundCall? Match(BindContext context, SourceText source, CallSyntax call, Signature signature)
    {
        var arguments = new Dictionary<string, ValueSyntax>(StringComparer.Ordinal);
        var ok = true;
        var position = 0;
        foreach (var argument in call.Arguments)
        {
            string? parameter;
            if (argument.Name is null)
            {
                parameter = position < signature.Parameters.Count ? signature.Parameters[position] : null;
                position++;
            }
            else
            {
                parameter = signature.Parameters.Contains(argument.Name.Text) ? argument.Name.Text : null;
            }
            if (parameter is null || arguments.ContainsKey(parameter))
            {
                context.Report(DiagnosticCatalog.UnknownArgument(source, argument.Span, signature.Name, argument.Name?.Text, signature.Parameters));
                ok = false;
                continue;
            }
            arguments[parameter] = argument.Value;
        }
        foreach (var required in signature.Parameters.Take(signature.Required))
        {
            if (!arguments.ContainsKey(required))
            {
                context.Report(DiagnosticCatalog.MissingArgument(source, call.Span, signature.Name, required, signature.Parameters));
                ok = false;
            }
        }
        return ok ? new BoundCall(signature.Name, arguments, call.Span) : null;
    }
}
