using Pipeline.Kernels.Cpu;

namespace Pipeline.Kernels.Tests;

/// <summary>The persistent worker pool: contiguous aligned chunks, exactly-once coverage, failures surfaced to the caller.</summary>
public sealed class CpuWorkerPoolTests
{
    [Theory]
    [InlineData(1, 10, 1, 1)]
    [InlineData(3, 10, 1, 1)]
    [InlineData(3, 1000, 1, 4)]
    [InlineData(4, 7, 1, 4)]
    [InlineData(2, 100, 60, 1)]
    public void Every_item_runs_exactly_once_in_aligned_ranges(int threads, int count, int grain, int align)
    {
        using var pool = new WorkerPool(threads);
        for (int repeat = 0; repeat < 50; repeat++)
        {
            var hits = new int[count];
            var ranges = new System.Collections.Concurrent.ConcurrentBag<(int, int)>();
            pool.For(count, (begin, end) =>
            {
                ranges.Add((begin, end));
                for (int i = begin; i < end; i++) Interlocked.Increment(ref hits[i]);
            }, grain, align);
            hits.Should().AllBeEquivalentTo(1);
            ranges.Should().OnlyContain(r => r.Item2 - r.Item1 >= Math.Min(grain, count) || r.Item2 == count, "chunks respect the grain");
            if (threads == 1 || count < 2 * grain) ranges.Should().HaveCount(1, "small or single-threaded work stays on the caller");
            ranges.All(r => r.Item1 % align == 0).Should().BeTrue("every range starts on an aligned item");
        }
    }

    [Fact]
    public void A_failing_worker_range_is_rethrown_on_the_caller_and_the_pool_keeps_working()
    {
        using var pool = new WorkerPool(2);
        var act = () => pool.For(100, (begin, _) =>
        {
            if (begin > 0) throw new InvalidOperationException("boom");
        });
        act.Should().Throw<InvalidOperationException>().WithMessage("boom");
        int sum = 0;
        pool.For(100, (begin, end) => Interlocked.Add(ref sum, end - begin));
        sum.Should().Be(100);
    }

    [Fact]
    public void Workers_that_went_to_sleep_wake_for_the_next_job()
    {
        using var pool = new WorkerPool(2);
        Thread.Sleep(WorkerPool.IdleWindow + TimeSpan.FromMilliseconds(30)); // past the polling window: the worker is blocked on the monitor
        // Each of the two chunks waits for the other: only a woken worker lets the first one finish.
        using var both = new Barrier(2);
        var met = new System.Collections.Concurrent.ConcurrentBag<bool>();
        pool.For(2, (_, _) => met.Add(both.SignalAndWait(TimeSpan.FromSeconds(20))));
        met.Should().Equal(true, true);
    }

    [Fact]
    public void Concurrent_and_nested_dispatches_run_inline_and_still_cover_every_item()
    {
        using var pool = new WorkerPool(2);
        var hits = new int[4 * 200];
        Parallel.For(0, 4, caller => pool.For(200, (begin, end) =>
        {
            for (int i = begin; i < end; i++)
                pool.For(1 + i % 3, (b, e) => Interlocked.Add(ref hits[caller * 200 + i], e - b)); // nested: inline
        }));
        hits.Select((h, i) => h == 1 + i % 200 % 3).Should().AllBeEquivalentTo(true);
    }
}
