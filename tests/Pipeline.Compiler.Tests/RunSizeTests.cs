using Pipeline.Core.Text;

namespace Pipeline.Compiler.Tests;

/// <summary>
/// Absurd values are rejected at compile time with the numbers in the message, before a run could take the machine's
/// memory or time; each estimate is worked by hand from the limits in the spec (10 million requests, 10 billion tokens,
/// 8 GB of timelines at 256 B a request plus 16 B an output token, 1e8 s of arrivals; 1,000,000 requests when executed).
/// </summary>
public sealed class RunSizeTests
{
    private static IReadOnlyList<Core.Diagnostics.Diagnostic> Errors(string workload, string hardware = "accelerator = h100-sxm", string benchmark = "mode = simulate", string extra = "")
    {
        var text = "experiment t {\n  model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 4096 tok  dtype = f16 }\n"
            + $"  hardware {{ {hardware} }}\n  workload {{ {workload} }}\n  benchmark {{ scenario = server  {benchmark} }}\n}}\n{extra}";
        return ExperimentCompiler.Compile(new SourceText("t.pipe", text), _ => null).Diagnostics.Where(d => d.IsError).ToArray();
    }

    [Fact]
    public void Int_max_requests_are_rejected_with_the_estimate_and_the_limit()
    {
        var error = Errors("requests = 2147483647  prompt = fixed(32 tok)  output = fixed(8 tok)").Should().ContainSingle().Subject;
        error.Code.Should().Be("PL0440");
        error.Message.Should().Be("the run would make about 2,147,483,647 requests (requests = 2,147,483,647), more than the 10,000,000 requests a simulated run allows");
        error.Hint.Should().Be("at 1 req/s, 10,000,000 requests arrive in 1e7 s");
        error.Span.Start.Should().BeGreaterThan(0, "it points at the requests setting, not the start of the file");
    }

    [Fact]
    public void A_billion_second_duration_is_rejected_by_the_requests_it_would_make()
    {
        // 4 req/s for 1e9 s = 4e9 requests.
        var error = Errors("arrivals = poisson(rate: 4 req/s)  duration = 1e9 s  prompt = fixed(32 tok)  output = fixed(8 tok)").Should().ContainSingle().Subject;
        error.Message.Should().Be("the run would make about 4,000,000,000 requests (4 req/s for 1e9 s), more than the 10,000,000 requests a simulated run allows");
    }

    [Fact]
    public void An_executed_run_is_held_to_a_million_requests()
    {
        var error = Errors("requests = 2000000  prompt = fixed(32 tok)  output = fixed(8 tok)", "accelerator = local(cpu)", "mode = execute").Should().ContainSingle().Subject;
        error.Message.Should().Be("the run would make about 2,000,000 requests (requests = 2,000,000), more than the 1,000,000 requests an executed run allows");
    }

    [Fact]
    public void Tokens_and_timeline_memory_are_bounded_below_the_request_limit()
    {
        // 5e6 requests x (2048 + 1) tokens = 1.0245e10 > 1e10; timelines 5e6 x (256 + 16) B = 1.36 GB fit.
        Errors("requests = 5000000  prompt = fixed(2048 tok)  output = fixed(1 tok)").Should().ContainSingle().Which.Message
            .Should().Be("the run would make about 10,245,000,000 tokens (5,000,000 requests of 2,049 tokens on average), more than the 10,000,000,000 tokens a simulated run allows");
        // 5e6 x (256 + 16 x 100) B = 9.28 GB > 8 GB; tokens 5e6 x 132 = 6.6e8 fit.
        Errors("requests = 5000000  prompt = fixed(32 tok)  output = fixed(100 tok)").Should().ContainSingle().Which.Message
            .Should().Be("the run would make request timelines of about 9.3 GB (5,000,000 requests of 100 output tokens), more than the 8 GB a simulated run allows");
    }

    [Fact]
    public void A_rate_of_1e_minus_300_is_rejected_by_the_time_its_arrivals_span()
    {
        // 10 requests at 1e-300 req/s arrive over 1e301 s.
        var error = Errors("arrivals = poisson(rate: 1e-300 req/s)  requests = 10  prompt = fixed(32 tok)  output = fixed(8 tok)").Should().ContainSingle().Subject;
        error.Code.Should().Be("PL0441");
        error.Message.Should().Be("10 requests at 1e-300 req/s arrive over about 1e301 s, longer than the 1e8 s a simulated run may span");
    }

    [Fact]
    public void Sixty_five_thousand_workers_and_a_1e300_gb_memory_are_out_of_range()
    {
        Errors("requests = 10", "accelerator = h100-sxm  workers = 65536").Should().ContainSingle().Which.Message
            .Should().Be("`workers` is `65536`, outside [1, 4096]");
        Errors("requests = 10", "accelerator = big", extra: "accelerator big { base = h100-sxm  memory = 1e300 GB }\n").Should().ContainSingle().Which.Message
            .Should().Be("`memory` is `1e300 GB`, outside (0 B, 1 PB]");
    }

    [Fact]
    public void A_real_experiment_is_far_from_every_limit()
    {
        Errors("arrivals = poisson(rate: 20 req/s)  requests = 25000  prompt = fixed(1024 tok)  output = fixed(1024 tok)").Should().BeEmpty();
    }
}
