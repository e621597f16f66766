using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;

namespace Pipeline.Compiler.Binding;

/// <summary>Shape checks of a bound model: heads divide hidden, KV heads divide heads, the head dimension is even.</summary>
internal static class ModelChecks
{
    public static bool Validate(BindContext context, BoundModel model)
    {
        var a = model.Plan.Architecture;
        var source = model.Source;
        var ok = true;
        if (a.Hidden % a.Heads != 0)
        {
            context.Report(DiagnosticCatalog.HeadsDoNotDivideHidden(source, model.SpanOf("heads"), a.Heads, a.Hidden));
            ok = false;
        }
        else if (a.HeadDim % 2 != 0)
        {
            context.Report(DiagnosticCatalog.OddHeadDimension(source, model.SpanOf("heads"), a.HeadDim));
            ok = false;
        }
        if (a.Heads % a.KvHeads != 0)
        {
            context.Report(DiagnosticCatalog.KvHeadsDoNotDivideHeads(source, model.SpanOf("kv_heads"), a.KvHeads, a.Heads));
            ok = false;
        }
        return ok;
    }
}
