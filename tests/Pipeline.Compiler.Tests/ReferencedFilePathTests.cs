namespace Pipeline.Compiler.Tests;

/// <summary>A referenced file's path that no file can have (a NUL the source holds) is a located diagnostic, never an exception.</summary>
public sealed class ReferencedFilePathTests
{
    [Theory]
    [InlineData("spec/conformance/valid/gguf-and-trace.pipe", "../models/tiny.gguf", "weights")]
    [InlineData("spec/conformance/valid/gguf-and-trace.pipe", "traces/day1.csv", "trace")]
    [InlineData("examples/dataset-prompts.pipe", "datasets/prompts.jsonl", "dataset")]
    public void A_path_with_a_nul_character_is_located_at_its_call(string file, string path, string what)
    {
        var text = File.ReadAllText(TestFiles.Full(file));
        var broken = text.Replace($"\"{path}\"", $"\"{path.Insert(path.Length / 2, "\0")}\"", StringComparison.Ordinal);
        broken.Should().NotBe(text);

        var result = TestFiles.Compile(file, broken);

        var diagnostic = result.Diagnostics.Should().ContainSingle(d => d.Code == "PL0415", what).Subject;
        diagnostic.Message.Should().Contain("NUL");
        var line = broken[..broken.IndexOf('\0', StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        diagnostic.Location.Line.Should().Be(line, "the diagnostic points at the line of the call that names the file");
    }
}
