using Pipeline.Calibration.Fidelity;
using Pipeline.Core.Text;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class ModeSwitchTests
{
    private static SourceText Source(string benchmark) => new("e.pipe",
        "experiment e {\n  hardware { accelerator = local(auto) }\n" + benchmark + "}\n");

    [Fact]
    public void The_mode_value_becomes_simulate_and_nothing_else_changes()
    {
        var (text, problem) = ModeSwitch.ToSimulate(Source("  benchmark { mode = execute   seed = 3 }\n"), null, "this-machine");

        problem.Should().BeNull();
        text.Should().Be("experiment e {\n  hardware { accelerator = local(auto) }\n  benchmark { mode = simulate   seed = 3 }\n}\n");
    }

    [Fact]
    public void With_a_calibration_file_it_is_imported_and_the_accelerator_renamed()
    {
        var (text, _) = ModeSwitch.ToSimulate(Source("  benchmark { mode = execute }\n"), "/c/cal.pipe", "this-machine");

        text.Should().Be("import \"/c/cal.pipe\"\nexperiment e {\n  hardware { accelerator = this-machine }\n  benchmark { mode = simulate }\n}\n");
    }

    [Fact]
    public void A_missing_mode_is_added_to_the_benchmark_block_or_with_one()
    {
        ModeSwitch.ToSimulate(Source("  benchmark { seed = 3 }\n"), null, "m").Text
            .Should().Contain("benchmark { seed = 3   mode = simulate }");
        ModeSwitch.ToSimulate(Source(""), null, "m").Text
            .Should().EndWith("  benchmark { mode = simulate }\n}\n");
    }

    [Fact]
    public void A_simulate_experiment_has_no_execute_twin()
    {
        var (text, problem) = ModeSwitch.ToSimulate(Source("  benchmark { mode = simulate }\n"), null, "m");

        text.Should().BeNull();
        problem.Should().Contain("not an execute experiment");
    }
}
