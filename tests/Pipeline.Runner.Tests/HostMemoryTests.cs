using Pipeline.Compiler;
using Pipeline.Core.Text;

namespace Pipeline.Runner.Tests;

/// <summary>Executed workers share the host: a run whose workers cannot all hold their weights there stops before any is built.</summary>
public sealed class HostMemoryTests
{
    [Fact]
    public void Workers_whose_weights_outgrow_the_host_are_refused_before_loading_any()
    {
        // Each 13.5 GB worker fits the nominal local device the plan checks; 4,096 of them fit no machine's memory.
        var compiled = ExperimentCompiler.Compile(new SourceText("many.pipe", """
            model m { base = llama-2-7b  context = 512 tok }
            experiment many {
              model m
              hardware { accelerator = local(auto)  workers = 4096 }
              workload { arrivals = all_at_once  prompt = fixed(8 tok)  output = fixed(2 tok)  requests = 4 }
              benchmark { scenario = offline  mode = execute }
            }
            """));
        compiled.Success.Should().BeTrue(string.Join("\n", compiled.Diagnostics.Select(d => d.Message)));

        var run = ExperimentRunner.Run(compiled.Plan!);

        run.Succeeded.Should().BeFalse();
        var error = run.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(ExperimentRunner.HostMemoryShort);
        error.Message.Should().Contain("4096 worker(s) would hold").And.Contain("13.5 GB");
    }
}
