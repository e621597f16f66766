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
}
