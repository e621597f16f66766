using System.Net;
using System.Text;

namespace Pipeline.Reports.Internal;

/// <summary>
/// Builds one self-contained HTML page: inline CSS, tables and inline SVG charts, no scripts and no external
/// resources, so it opens from a file anywhere (and offline). Text is HTML-encoded.
/// </summary>
internal sealed class HtmlPage
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        thead th { background: #f0f0f0; }
        table.pairs td { text-align: left; }
        .valid { color: #fff; background: #2a7d2a; padding: 0.1em 0.5em; border-radius: 3px; }
        .invalid { color: #fff; background: #b02a2a; padding: 0.1em 0.5em; border-radius: 3px; }
        figure { display: inline-block; margin: 0.5em; } figcaption { font-size: 0.9em; color: #555; }
        svg { max-width: 100%; height: auto; }
        """;

    private readonly StringBuilder _body = new();
    private readonly string _title;

    public HtmlPage(string title) => _title = title;

    public HtmlPage Heading(string text)
    {
        _body.Append("<h2>").Append(Encode(text)).Append("</h2>\n");
        return this;
    }

    public HtmlPage Paragraph(string text)
    {
        _body.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    public HtmlPage Verdict(bool valid, IEnumerable<string> reasons)
    {
        _body.Append("<p>Result is <span class=\"").Append(valid ? "valid" : "invalid").Append("\">")
            .Append(valid ? "VALID" : "INVALID").Append("</span></p>\n");
        var list = reasons.ToArray();
        if (list.Length == 0) return this;
        _body.Append("<ul class=\"reasons\">\n");
        foreach (var reason in list) _body.Append("<li>").Append(Encode(reason)).Append("</li>\n");
        _body.Append("</ul>\n");
        return this;
    }

    public HtmlPage Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        // Two-column tables are name/value pairs of words: left-aligned; wider ones are tables of numbers.
        _body.Append("<table id=\"").Append(Encode(id)).Append(headers.Count == 2 ? "\" class=\"pairs\">" : "\">").Append("\n<thead><tr>");
        foreach (var header in headers) _body.Append("<th>").Append(Encode(header)).Append("</th>");
        _body.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row) _body.Append("<td>").Append(Encode(cell)).Append("</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody>\n</table>\n");
        return this;
    }

    public HtmlPage Chart(SavedChart chart, string caption)
    {
        _body.Append("<figure id=\"chart-").Append(Encode(chart.Name)).Append("\">\n").Append(chart.Svg)
            .Append("\n<figcaption>").Append(Encode(caption)).Append("</figcaption>\n</figure>\n");
        return this;
    }

    /// <summary>Links to files beside the page (relative links load nothing until followed).</summary>
    public HtmlPage Files(IEnumerable<(string Href, string Text)> files)
    {
        _body.Append("<ul class=\"files\">\n");
        foreach (var (href, text) in files)
        {
            _body.Append("<li><a href=\"").Append(Encode(href)).Append("\">").Append(Encode(text)).Append("</a></li>\n");
        }
        _body.Append("</ul>\n");
        return this;
    }

    public override string ToString() =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{Encode(_title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n<h1>{Encode(_title)}</h1>\n{_body}</body>\n</html>\n";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
