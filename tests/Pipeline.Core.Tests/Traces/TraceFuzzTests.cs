using System.Text;
using Pipeline.Core.Traces;

namespace Pipeline.Core.Tests.Traces;

/// <summary>
/// Seeded mutations of valid traces, like the DSL's mutation fuzzer: the parser never throws, every problem is located
/// on a line of the input, and no row is dropped silently: each data line is either a row or a problem.
/// </summary>
public sealed class TraceFuzzTests
{
    private const int Inputs = 5000;

    private static readonly string[] Seeds =
    [
        "arrival_time,prompt_tokens,output_tokens\n0,128,64\n0.5,256,32\n# burst\n\n1.25,64,128\n",
        "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,4808,10\n2023-11-16 18:15:50.0000000,3180,8\n",
        "0\n0.25\n1e1\n",
        "0,5,3\n0.5,7,1\n",
    ];

    private static readonly string[] Pieces = [",", "\n", "\r\n", "#", "-", ".", "e", "NaN", "Infinity", "1e400", "2147483648", " ", "\"", "\0", "é", "0", "9"];

    [Fact]
    public void Thousands_of_mutated_traces_never_crash_and_every_problem_or_row_is_on_a_real_line()
    {
        var random = new Random(20261130);
        for (var i = 0; i < Inputs; i++)
        {
            var text = Mutate(Seeds[random.Next(Seeds.Length)], random);
            var lines = text.Split('\n');
            TraceParseResult trace;
            try
            {
                trace = TraceParser.Parse(text);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"input {i} crashed the parser: {Escape(text)}", e);
            }

            trace.Problems.Where(p => p.Line < 1 || p.Line > lines.Length).Should().BeEmpty("input {0}: {1}", i, Escape(text));
            trace.Rows.Where(r => r.Line < 1 || r.Line > lines.Length || !double.IsFinite(r.Arrival) || r.Arrival < 0)
                .Should().BeEmpty("input {0}: {1}", i, Escape(text));
            (trace.Success || trace.Problems.Count > 0).Should().BeTrue("a trace that cannot be used says why: {0}", Escape(text));
            if (trace.Problems.Count == 0)
            {
                var data = lines.Select(l => l.Trim()).Count(l => l.Length > 0 && !l.StartsWith('#'));
                var header = data > trace.Rows.Count ? 1 : 0;
                trace.Rows.Should().HaveCount(data - header, "every data line is a row: {0}", Escape(text));
            }
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    text.Insert(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 1 when text.Length > 0:
                    text.Remove(Math.Min(at, text.Length - 1), 1 + random.Next(Math.Min(3, text.Length - Math.Min(at, text.Length - 1))));
                    break;
                default:
                    var line = text.ToString().Split('\n');
                    var copy = line[random.Next(line.Length)];
                    text.Insert(at, copy + "\n");
                    break;
            }
        }
        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
