using Pipeline.Core.Memory;

namespace Pipeline.Core.Tests;

public sealed class BlockPoolTests
{
    [Fact]
    public void Allocates_lowest_free_block_first_and_tracks_counts_and_peak()
    {
        var pool = new BlockPool(3);

        pool.Allocate().Should().Be(0);
        pool.Allocate().Should().Be(1);
        pool.Free(0);
        pool.Allocate().Should().Be(0);

        pool.UsedCount.Should().Be(2);
        pool.FreeCount.Should().Be(1);
        pool.PeakUsed.Should().Be(2);
    }

    [Fact]
    public void Exhaustion_is_reported_not_hidden()
    {
        var pool = new BlockPool(1);
        pool.Allocate();

        pool.TryAllocate(out var block).Should().BeFalse();
        block.Should().Be(-1);
        pool.Invoking(p => p.Allocate()).Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(0)]
    public void Freeing_a_block_that_is_not_allocated_throws(int block)
    {
        var pool = new BlockPool(5);

        pool.Invoking(p => p.Free(block)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Random_operations_never_double_allocate_or_leak()
    {
        var random = new Random(42);
        var pool = new BlockPool(16);
        var owned = new HashSet<int>();
        for (var step = 0; step < 5000; step++)
        {
            if (random.Next(2) == 0 && pool.TryAllocate(out var block))
            {
                owned.Add(block).Should().BeTrue("a block must never be handed out twice");
            }
            else if (owned.Count > 0)
            {
                var victim = owned.ElementAt(random.Next(owned.Count));
                pool.Free(victim);
                owned.Remove(victim);
            }
            pool.UsedCount.Should().Be(owned.Count);
        }
        foreach (var block in owned.ToArray()) pool.Free(block);
        pool.FreeCount.Should().Be(16);
    }

    [Fact]
    public void A_pool_of_two_billion_blocks_costs_memory_only_for_the_blocks_used()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var pool = new BlockPool(int.MaxValue);
        for (var i = 0; i < 1000; i++) pool.Allocate();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        pool.FreeCount.Should().Be(int.MaxValue - 1000);
        allocated.Should().BeLessThan(64 * 1024, "a thousand blocks in use, not two billion reserved");
    }

    [Fact]
    public void Allocation_order_matches_a_sorted_set_of_free_ids()
    {
        var random = new Random(7);
        var pool = new BlockPool(40);
        var free = new SortedSet<int>(Enumerable.Range(0, 40));
        for (var step = 0; step < 20000; step++)
        {
            if (free.Count > 0 && (random.Next(3) > 0 || free.Count == 40))
            {
                var expected = free.Min;
                free.Remove(expected);
                pool.Allocate().Should().Be(expected);
            }
            else
            {
                var used = Enumerable.Range(0, 40).Where(b => !free.Contains(b)).ToArray();
                var block = used[random.Next(used.Length)];
                pool.Free(block);
                free.Add(block);
            }
            pool.FreeCount.Should().Be(free.Count);
        }
    }

    [Fact]
    public void Allocation_order_matches_a_sorted_set_across_many_bitmap_words()
    {
        // 10,000 blocks span 157 words and three summary words: frees far apart, then the lowest must come back first.
        var random = new Random(11);
        var pool = new BlockPool(10_000);
        var free = new SortedSet<int>(Enumerable.Range(0, 10_000));
        var used = new List<int>();
        for (var step = 0; step < 60_000; step++)
        {
            if (free.Count > 0 && (random.Next(5) > 1 || used.Count == 0))
            {
                var expected = free.Min;
                free.Remove(expected);
                pool.Allocate().Should().Be(expected);
                used.Add(expected);
            }
            else
            {
                var index = random.Next(used.Count);
                var block = used[index];
                used[index] = used[^1];
                used.RemoveAt(used.Count - 1);
                pool.Free(block);
                free.Add(block);
            }
        }
        pool.FreeCount.Should().Be(free.Count);
        pool.UsedCount.Should().Be(used.Count);
    }
}
