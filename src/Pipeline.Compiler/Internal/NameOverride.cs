using Pipeline.Core.Text;

namespace Pipeline.Compiler.Internal;

/// <summary>An accelerator a capacity candidate puts in place of a setting's own, located at the capacity axis.</summary>
internal sealed record NameOverride(string Name, TextSpan Span);
