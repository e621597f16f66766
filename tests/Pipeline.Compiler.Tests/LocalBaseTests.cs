using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Tests;

public sealed class LocalBaseTests
{
    private const string Tiny = "model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }";

    private static CompilationResult Compile(string declaration, string mode) =>
        ExperimentCompiler.Compile(new SourceText("t.pipe",
            declaration + "\nexperiment t {\n  " + Tiny + "\n  hardware { accelerator = mine }\n  benchmark { mode = " + mode + " }\n}\n"), _ => null);

    [Theory]
    [InlineData("local", LocalBackend.Auto)]
    [InlineData("local(cpu)", LocalBackend.Cpu)]
    [InlineData("local(ilgpu-cpu)", LocalBackend.IlgpuCpu)]
    public void A_declared_accelerator_derived_from_local_keeps_its_backend_and_executes(string @base, LocalBackend backend)
    {
        var result = Compile("accelerator mine { base = " + @base + "  cost { step_overhead = 120 us } }", "execute");

        result.Diagnostics.Should().NotContain(d => d.IsError);
        var accelerator = result.Plan!.Execution.Deployment.Pools[0].Accelerator;
        accelerator.Local.Should().Be(backend);
        accelerator.Cost.StepOverhead.Should().BeApproximately(120e-6, 1e-12);
        accelerator.Family.Should().Be("local");
    }

    [Fact]
    public void A_declared_accelerator_derived_from_a_datasheet_accelerator_still_cannot_execute()
    {
        var result = Compile("accelerator mine { base = h100-sxm }", "execute");

        result.Diagnostics.Should().Contain(d => d.Code == "PL0405");
    }

    [Fact]
    public void An_unknown_local_backend_in_a_base_is_a_diagnostic()
    {
        var result = Compile("accelerator mine { base = local(tpu) }", "simulate");

        result.Diagnostics.Should().Contain(d => d.IsError && d.Message.Contains("tpu"));
    }
}
