using Pipeline.Core.Text;
using Pipeline.Language.Formatting;

namespace Pipeline.Compiler.Tests;

/// <summary>
/// A seeded mutation fuzzer over the examples: deletes, duplicates and swaps tokens and lines, inserts garbage and
/// unusual Unicode. No exception may escape, and every failure must be a located diagnostic inside its file.
/// </summary>
public sealed class FuzzTests
{
    private const int Mutants = 5000;

    private static readonly string[] Garbage =
        ["{", "}", "(", ")", "[", "]", "=", "<=", "..", ",", ":", "\"", "/*", "*/", "//", "@", "#", "-", "1e999", "0", "-1", "step", "é", "🙂", "\u0000", "\u202E", "\t", "\r\n", "ﬁ", "٣", "model", "experiment", "import \"x.pipe\"", "sweep {", "tok", "GB/s"];

    [Fact]
    public void Mutants_of_the_examples_never_throw_and_every_failure_is_located()
    {
        var seeds = TestFiles.ValidFiles().Select(p => (Path: p, Text: File.ReadAllText(TestFiles.Full(p)))).ToArray();
        var random = new Random(20261126);
        var failures = 0;
        for (var i = 0; i < Mutants; i++)
        {
            var (path, text) = seeds[random.Next(seeds.Length)];
            var mutant = text;
            for (var m = random.Next(1, 4); m > 0; m--) mutant = Mutate(mutant, random);
            var result = TestFiles.Compile(path, mutant);
            if (!result.Success)
            {
                failures++;
                result.Diagnostics.Should().Contain(d => d.IsError, $"mutant {i} failed without an error:\n{mutant}");
            }
            foreach (var diagnostic in result.Diagnostics)
            {
                diagnostic.Span.Start.Should().BeGreaterThanOrEqualTo(0);
                diagnostic.Span.End.Should().BeLessThanOrEqualTo(diagnostic.Source.Content.Length, $"mutant {i}: {diagnostic}");
            }
            var formatted = ExperimentFormatter.Format(new SourceText(path, mutant));
            if (formatted.Text is not null && i % 5 == 0)
            {
                ExperimentFormatter.Format(new SourceText(path, formatted.Text)).Text.Should().Be(formatted.Text, $"mutant {i} formats idempotently:\n{mutant}");
            }
        }
        failures.Should().BeGreaterThan(Mutants / 4, "most mutants should break something, or the fuzzer is not mutating");
    }

    private static string Mutate(string text, Random random)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0) return text + Garbage[random.Next(Garbage.Length)];
        var lines = text.Split('\n');
        var (a, b) = (tokens[random.Next(tokens.Count)], tokens[random.Next(tokens.Count)]);
        switch (random.Next(9))
        {
            case 0: return text.Remove(a.Start, a.Length);
            case 1: return text.Insert(a.Start, text.Substring(a.Start, a.Length) + " ");
            case 2:
                if (a.Start > b.Start) (a, b) = (b, a);
                if (a.Start + a.Length > b.Start) return text;
                return text[..a.Start] + text.Substring(b.Start, b.Length) + text[(a.Start + a.Length)..b.Start] + text.Substring(a.Start, a.Length) + text[(b.Start + b.Length)..];
            case 3: return string.Join('\n', lines.Where((_, i) => i != random.Next(lines.Length)));
            case 4:
                var dup = random.Next(lines.Length);
                return string.Join('\n', lines.Take(dup + 1).Append(lines[dup]).Concat(lines.Skip(dup + 1)));
            case 5:
                var (x, y) = (random.Next(lines.Length), random.Next(lines.Length));
                (lines[x], lines[y]) = (lines[y], lines[x]);
                return string.Join('\n', lines);
            case 6: return text.Insert(random.Next(text.Length + 1), Garbage[random.Next(Garbage.Length)]);
            case 7: return text[..random.Next(text.Length + 1)];
            default: return text.Insert(a.Start, new string((char)random.Next(0x20, 0x3000), 1));
        }
    }

    private static List<(int Start, int Length)> Tokens(string text)
    {
        var tokens = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            tokens.Add((start, i - start));
        }
        return tokens;
    }
}
