using System.Collections;

namespace Pipeline.Core.Diagnostics;

/// <summary>Collects diagnostics while a stage runs; stages return it instead of throwing.</summary>
public sealed class DiagnosticBag : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = new();

    /// <summary>True when any collected diagnostic is an error.</summary>
    public bool HasErrors => _items.Exists(d => d.IsError);

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public Diagnostic this[int index] => _items[index];

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds many diagnostics.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>The diagnostics in source order (path, offset, code), the order they are printed in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.OrderBy(d => d.Source.Path, StringComparer.Ordinal)
              .ThenBy(d => d.Span.Start)
              .ThenBy(d => d.Code, StringComparer.Ordinal)
              .ToArray();

    /// <inheritdoc />
    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
