using Pipeline.Core.Diagnostics;

namespace Pipeline.Serving.Tests;

public sealed class WorkloadGeneratorTests
{
    private static WorkloadPlan Poisson(int seed = 3, int requests = 2000) =>
        new(new PoissonArrivals(5), new UniformLength(10, 20), new NormalLength(50, 10, 40, 60), requests, null, seed);

    [Fact]
    public void The_same_seed_gives_the_same_requests_and_another_seed_different_ones()
    {
        var a = WorkloadGenerator.Generate(Poisson(), 1000).Requests;
        var b = WorkloadGenerator.Generate(Poisson(), 1000).Requests;
        var c = WorkloadGenerator.Generate(Poisson(seed: 4), 1000).Requests;
        a.Select(r => (r.ArrivalTime, r.MaxOutputTokens, string.Join(",", r.PromptTokens)))
            .Should().Equal(b.Select(r => (r.ArrivalTime, r.MaxOutputTokens, string.Join(",", r.PromptTokens))));
        a.Select(r => r.ArrivalTime).Should().NotEqual(c.Select(r => r.ArrivalTime));
    }

    [Fact]
    public void Poisson_arrivals_have_the_asked_rate_and_lengths_stay_within_bounds()
    {
        var requests = WorkloadGenerator.Generate(Poisson(), 1000).Requests;
        requests.Should().HaveCount(2000);
        requests[0].ArrivalTime.Should().Be(0);
        var rate = (requests.Count - 1) / requests[^1].ArrivalTime;
        rate.Should().BeApproximately(5, 0.5);
        requests.Should().OnlyContain(r => r.PromptLength >= 10 && r.PromptLength <= 20 && r.MaxOutputTokens >= 40 && r.MaxOutputTokens <= 60);
        requests.SelectMany(r => r.PromptTokens).Should().OnlyContain(t => t >= 0 && t < 1000);
        requests.Select(r => r.PromptLength).Distinct().Should().HaveCount(11, "uniform covers every length");
    }

    [Fact]
    public void Lognormal_lengths_have_the_asked_mean_of_the_token_count()
    {
        var plan = new WorkloadPlan(new AllAtOnceArrivals(), new LogNormalLength(200, 100, 1, 100000), new FixedLength(1), 4000, null, 1);
        var requests = WorkloadGenerator.Generate(plan, 100).Requests;
        requests.Average(r => r.PromptLength).Should().BeApproximately(200, 10);
        requests.Should().OnlyContain(r => r.ArrivalTime == 0);
    }

    [Fact]
    public void Fixed_interval_bounded_by_duration_stops_after_the_duration()
    {
        var plan = new WorkloadPlan(new FixedIntervalArrivals(0.5), new FixedLength(4), new FixedLength(2), null, 2.0, 1);
        WorkloadGenerator.Generate(plan, 100).Requests.Select(r => r.ArrivalTime).Should().Equal(0, 0.5, 1.0, 1.5, 2.0);
    }

    [Fact]
    public void A_trace_gives_arrivals_and_lengths()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "t.csv"), "arrival_s,prompt_tokens,output_tokens\n0,5,3\n# burst\n0.25,7,1\n\n1.5,2,9\n");
        var plan = new WorkloadPlan(new TraceArrivals("t.csv"), new FixedLength(1), new FixedLength(1), null, null, 1);
        var result = WorkloadGenerator.Generate(plan, 50, dir.FullName);
        result.HasErrors.Should().BeFalse();
        result.Requests.Select(r => (r.ArrivalTime, r.PromptLength, r.MaxOutputTokens))
            .Should().Equal((0.0, 5, 3), (0.25, 7, 1), (1.5, 2, 9));
    }

    [Fact]
    public void A_malformed_trace_line_is_a_diagnostic_pointing_at_that_line()
    {
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "bad.csv");
        File.WriteAllText(path, "0,5,3\n0.5,seven,1\n");
        var plan = new WorkloadPlan(new TraceArrivals(path), new FixedLength(1), new FixedLength(1), null, null, 1);
        var result = WorkloadGenerator.Generate(plan, 50);
        result.HasErrors.Should().BeTrue();
        result.Requests.Should().BeEmpty();
        var diagnostic = result.Diagnostics.Single();
        diagnostic.Code.Should().Be("PLT002");
        diagnostic.Location.Line.Should().Be(2);
        diagnostic.Message.Should().Be("trace line 2: prompt_tokens `seven` must be a whole number from 1 to 2147483647");
        DiagnosticRenderer.Render(diagnostic).Should().Contain("0.5,seven,1");
    }

    [Fact]
    public void A_trace_at_a_speed_replays_every_arrival_time_divided_by_it_with_the_rows_lengths_unchanged()
    {
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "t.csv");
        File.WriteAllText(path, "arrival_time,prompt_tokens,output_tokens\n0,5,3\n0.5,7,2\n2,9,4\n");
        WorkloadPlan At(double speed, double? duration = null) =>
            new(new TraceArrivals(path, speed), new FixedLength(1), new FixedLength(1), duration is null ? null : 3, duration, 1);

        var faster = WorkloadGenerator.Generate(At(4), 50).Requests;
        var slower = WorkloadGenerator.Generate(At(0.5), 50).Requests;

        // By hand: 0, 0.5, 2 s over 4 are 0, 0.125, 0.5 s; over 0.5 they are 0, 1, 4 s.
        faster.Select(r => r.ArrivalTime).Should().Equal(0, 0.125, 0.5);
        slower.Select(r => r.ArrivalTime).Should().Equal(0, 1, 4);
        faster.Select(r => (r.PromptLength, r.MaxOutputTokens)).Should().Equal((5, 3), (7, 2), (9, 4));
        slower.Select(r => (r.PromptLength, r.MaxOutputTokens)).Should().Equal((5, 3), (7, 2), (9, 4));
        // A duration bounds the replayed clock: at half speed only the rows at 0 and 1 s arrive within 1.5 s.
        WorkloadGenerator.Generate(At(0.5, duration: 1.5), 50).Requests.Select(r => r.ArrivalTime).Should().Equal(0, 1);
    }

    [Fact]
    public void A_missing_trace_file_is_a_diagnostic()
    {
        var plan = new WorkloadPlan(new TraceArrivals("/nonexistent/x.csv"), new FixedLength(1), new FixedLength(1), null, null, 1);
        WorkloadGenerator.Generate(plan, 50).Diagnostics.Single().Message.Should().Be("trace \"/nonexistent/x.csv\" does not exist");
    }

    [Fact]
    public void A_trace_with_its_rows_in_the_plan_is_replayed_from_them_not_from_the_file()
    {
        Core.Traces.TraceRecord[] rows = [new(0, 5, 2, 1), new(0.25, 7, 3, 2)];
        var plan = new WorkloadPlan(new TraceArrivals("/nonexistent/x.csv", 0.5) { Records = rows }, new FixedLength(1), new FixedLength(1), null, null, 1);

        var generated = WorkloadGenerator.Generate(plan, 50);

        generated.Diagnostics.Should().BeEmpty();
        generated.Requests.Select(r => (r.ArrivalTime, r.PromptLength, r.MaxOutputTokens)).Should().Equal((0.0, 5, 2), (0.5, 7, 3));
    }

    [Fact]
    public void A_first_row_with_a_negative_arrival_is_an_error_not_a_header()
    {
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "neg.csv");
        File.WriteAllText(path, "-1.0,100,10\n0,5,3\n");
        var plan = new WorkloadPlan(new TraceArrivals(path), new FixedLength(1), new FixedLength(1), null, null, 1);

        var diagnostic = WorkloadGenerator.Generate(plan, 50).Diagnostics.Single();

        (diagnostic.Code, diagnostic.Location.Line).Should().Be(("PLT002", 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("arrival_time,prompt_tokens,output_tokens\n")]
    [InlineData("NaN,5,3\n")]
    [InlineData("Infinity,5,3\n")]
    public void An_empty_header_only_or_non_finite_trace_gives_no_requests_and_an_error(string content)
    {
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "t.csv");
        File.WriteAllText(path, content);
        var plan = new WorkloadPlan(new TraceArrivals(path), new FixedLength(1), new FixedLength(1), null, null, 1);

        var result = WorkloadGenerator.Generate(plan, 50);

        result.HasErrors.Should().BeTrue();
        result.Requests.Should().BeEmpty();
    }

    [Fact]
    public void A_directory_or_a_fifo_given_as_a_trace_is_an_error_and_never_read()
    {
        var dir = Directory.CreateTempSubdirectory();
        var directory = new WorkloadPlan(new TraceArrivals(dir.FullName), new FixedLength(1), new FixedLength(1), null, null, 1);
        WorkloadGenerator.Generate(directory, 50).Diagnostics.Single().Message.Should().Contain("is a directory");
        if (!OperatingSystem.IsLinux()) return;
        var fifo = Path.Combine(dir.FullName, "pipe.csv");
        System.Diagnostics.Process.Start("mkfifo", fifo)!.WaitForExit();
        var pipe = directory with { Arrivals = new TraceArrivals(fifo) };
        WorkloadGenerator.Generate(pipe, 50).Diagnostics.Single().Message.Should().Contain("named pipe (FIFO)");
    }

    [Theory]
    [InlineData(3, 1000)]
    [InlineData(-7, 32000)]
    [InlineData(41, 128256)]
    [InlineData(0, 7)]
    [InlineData(int.MinValue, 50257)]
    public void Prompt_token_ids_are_those_of_dotnets_seeded_random_drawn_in_request_order(int seed, int vocabulary)
    {
        // Oracle: how the stream made prompts before they were drawn lazily, one System.Random on (seed * 131 + 17),
        // each request's ids drawn in order. Lengths come from their own stream, so the oracle reads them from the requests.
        var plan = new WorkloadPlan(new AllAtOnceArrivals(), new UniformLength(1, 700), new FixedLength(1), 300, null, seed);
        var requests = WorkloadGenerator.Generate(plan, vocabulary).Requests;
        var random = new Random(unchecked(seed * 131 + 17));
        var expected = requests.Select(r => Enumerable.Range(0, r.PromptLength).Select(_ => random.Next(vocabulary)).ToArray()).ToArray();

        // Read newest first: a prompt drawn late (when its request is first scheduled) has the same ids as in order.
        for (var i = requests.Count - 1; i >= 0; i--)
        {
            requests[i].PromptTokens.Should().Equal(expected[i], $"request {i}");
        }
        // Read oldest first, skipping some (as schedulers mostly read them): the same ids.
        var again = WorkloadGenerator.Generate(plan, vocabulary).Requests;
        for (var i = 0; i < again.Count; i += 1 + i % 3)
        {
            again[i].PromptTokens.Should().Equal(expected[i], $"request {i}, read in order");
        }
    }

    [Fact]
    public void Prompts_a_scheduler_copies_straight_into_its_token_arrays_have_the_ids_drawn_in_order()
    {
        // Same oracle; here the ids reach the step through the scheduler's own copy (drawn from the prompt's checkpoint
        // without reading the prompt first), for prompts spread over many checkpoints of the token stream.
        var plan = new WorkloadPlan(new AllAtOnceArrivals(), new UniformLength(1, 700), new FixedLength(1), 60, null, 9);
        var requests = WorkloadGenerator.Generate(plan, 32000).Requests;
        var random = new Random(unchecked(9 * 131 + 17));
        var expected = requests.Select(r => Enumerable.Range(0, r.PromptLength).Select(_ => random.Next(32000)).ToArray()).ToArray();
        var scheduler = Drive.Scheduler(new TestPlan { MaxBatch = 64, MaxBatchedTokens = 65536, KvBlocks = 65536 });
        foreach (var request in requests.Reverse()) scheduler.Add(request); // newest first: checkpoints are replayed out of order

        var batch = scheduler.Schedule(0);

        batch.Sequences.Should().HaveCount(requests.Count);
        foreach (var sequence in batch.Sequences)
        {
            sequence.Tokens.Should().Equal(expected[sequence.RequestId], $"request {sequence.RequestId}");
        }
    }

    [Fact]
    public void Prompts_read_in_request_order_draw_each_token_id_once()
    {
        // 2,000 prompts of up to 700 tokens span hundreds of the stream's checkpoints. Making a request draws nothing;
        // reading the prompts in order draws each id once, with no replay (the stream used to skip each prompt's draws
        // when it made the request and draw them again when it was read: twice the work).
        var plan = new WorkloadPlan(new AllAtOnceArrivals(), new UniformLength(1, 700), new FixedLength(1), 2000, null, 5);
        var (stream, diagnostics) = RequestStream.Open(plan, 32000);
        diagnostics.Should().BeEmpty();
        var requests = new List<ServingRequest>();
        while (stream!.TryNext(out var request)) requests.Add(request);
        stream.TokenDraws.Should().Be(0, "making a request draws none of its ids");

        long read = 0;
        foreach (var request in requests)
        {
            request.PromptTokens.Count.Should().Be(request.PromptLength);
            _ = request.PromptTokens[0];
            read += request.PromptLength;
            stream.TokenDraws.Should().Be(read, $"request {request.Id} read in order draws its own ids and nothing else");
        }
    }
}
