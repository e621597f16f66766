using Pipeline.Core.Text;

namespace Pipeline.Compiler.Tests;

public sealed class ImportTests
{
    private const string Experiment = "experiment t {\n  model shared\n  hardware { accelerator = h100-sxm }\n}\n";

    private static CompilationResult Compile(string main, params (string Path, string Text)[] files)
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "pipeline-imports"));
        var map = files.ToDictionary(f => Path.GetFullPath(Path.Combine(root, f.Path)), f => f.Text);
        return ExperimentCompiler.Compile(new SourceText(Path.Combine(root, "main.pipe"), main), p => map.GetValueOrDefault(p));
    }

    [Fact]
    public void A_file_reached_twice_is_read_once_and_declares_once()
    {
        var result = Compile("import \"b.pipe\"\nimport \"c.pipe\"\n" + Experiment,
            ("b.pipe", "import \"lib/d.pipe\"\n"), ("c.pipe", "import \"lib/d.pipe\"\n"), ("lib/d.pipe", "model shared { base = llama-2-7b }\n"));
        result.Diagnostics.Should().BeEmpty();
        result.Plan!.Execution.Model.Name.Should().Be("shared");
    }

    [Fact]
    public void Imports_are_relative_to_the_importing_file()
    {
        var result = Compile("import \"lib/a.pipe\"\n" + Experiment,
            ("lib/a.pipe", "import \"../shared.pipe\"\n"), ("shared.pipe", "model shared { base = llama-2-7b }\n"));
        result.Success.Should().BeTrue();
    }

    [Fact]
    public void A_cycle_is_reported_at_the_import_that_closes_it()
    {
        var result = Compile("import \"a.pipe\"\n" + Experiment,
            ("a.pipe", "import \"b.pipe\"\nmodel shared { base = llama-2-7b }\n"), ("b.pipe", "import \"a.pipe\"\n"));
        var cycle = result.Diagnostics.Single();
        cycle.Code.Should().Be("PL0108");
        cycle.Message.Should().Be("import cycle: a.pipe -> b.pipe -> a.pipe");
        cycle.Source.Path.Should().EndWith("b.pipe");
    }

    [Fact]
    public void Errors_in_imported_files_are_located_in_those_files()
    {
        var result = Compile("import \"a.pipe\"\n" + Experiment, ("a.pipe", "model shared { base = llama-2-7b  dtype = f33 }\n"));
        var error = result.Diagnostics.Single();
        error.Code.Should().Be("PL0111");
        error.Source.Path.Should().EndWith("a.pipe");
        error.Location.Column.Should().Be(43);
    }

    [Fact]
    public void A_name_declared_in_two_files_is_a_duplicate()
    {
        var result = Compile("import \"a.pipe\"\nmodel shared { base = llama-2-13b }\n" + Experiment, ("a.pipe", "model shared { base = llama-2-7b }\n"));
        result.Diagnostics.Single().Code.Should().Be("PL0104");
    }

    [Fact]
    public void A_directory_or_a_fifo_given_as_an_import_says_what_it_is_and_is_never_read()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(directory, "shared"));
        var main = Path.Combine(directory, "main.pipe");
        File.WriteAllText(main, "import \"shared\"\nexperiment t { model llama-2-7b }\n");

        var error = ExperimentCompiler.CompileFile(main).Diagnostics.Should().ContainSingle(d => d.Span.Start < 20, "the import is on the first line").Subject;
        error.Code.Should().Be("PL0415");
        error.Message.Should().EndWith("shared\" is a directory, not a file");

        if (!OperatingSystem.IsLinux()) return; // mkfifo is Linux's here
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(directory, "pipe.pipe")))
        {
            mkfifo.WaitForExit();
        }
        File.WriteAllText(main, "import \"pipe.pipe\"\nexperiment t { model llama-2-7b }\n");
        ExperimentCompiler.CompileFile(main).Diagnostics.Should().ContainSingle(d => d.Span.Start < 20)
            .Which.Message.Should().EndWith("pipe.pipe\" is a named pipe (FIFO), not a regular file", "a FIFO would block the compiler forever if it were opened");
    }
}
