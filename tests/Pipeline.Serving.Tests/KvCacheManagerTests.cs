namespace Pipeline.Serving.Tests;

public sealed class KvCacheManagerTests
{
    [Fact]
    public void Sequence_grows_block_by_block_and_frees_all_its_blocks()
    {
        var kv = new KvCacheManager(blocks: 8, blockSize: 4);
        kv.TryGrow(1, 5).Should().BeTrue();
        kv.BlockTable(1).Should().Equal(0, 1);
        kv.TryGrow(1, 8).Should().BeTrue();
        kv.BlocksOf(1).Should().Be(2);
        kv.TryGrow(1, 9).Should().BeTrue();
        kv.BlockTable(1).Should().Equal(0, 1, 2);
        kv.Free(1).Should().Be(3);
        kv.FreeBlocks.Should().Be(8);
    }

    [Fact]
    public void A_block_table_handed_out_earlier_keeps_its_blocks_when_the_sequence_grows_or_is_freed()
    {
        // Tables are handed out as views of the growing storage, not copies: what a past step saw must not change.
        var kv = new KvCacheManager(blocks: 64, blockSize: 2);
        kv.TryGrow(1, 3).Should().BeTrue();
        var early = kv.BlockTable(1);
        kv.TryGrow(2, 2).Should().BeTrue();
        kv.TryGrow(1, 40).Should().BeTrue(); // 20 blocks: past any first array's room
        var later = kv.BlockTable(1);
        kv.Free(1);
        kv.TryGrow(3, 100).Should().BeTrue(); // reuses sequence 1's blocks

        early.Should().Equal(0, 1);
        later.Should().Equal(new[] { 0, 1 }.Concat(Enumerable.Range(3, 18)));
    }

    [Fact]
    public void Growth_is_all_or_nothing()
    {
        var kv = new KvCacheManager(blocks: 3, blockSize: 4);
        kv.TryGrow(1, 8).Should().BeTrue();
        kv.TryGrow(2, 8).Should().BeFalse();
        kv.BlocksOf(2).Should().Be(0);
        kv.UsedBlocks.Should().Be(2);
    }

    [Fact]
    public void Admissions_keeping_the_watermark_leave_the_reserve_free_but_growth_may_use_it()
    {
        var kv = new KvCacheManager(blocks: 10, blockSize: 1, watermarkBlocks: 2);
        kv.TryGrow(1, 8, keepWatermark: true).Should().BeTrue();
        kv.TryGrow(2, 1, keepWatermark: true).Should().BeFalse();
        kv.TryGrow(1, 10).Should().BeTrue();
        kv.FreeBlocks.Should().Be(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_operations_never_share_a_block_exceed_capacity_or_leak(int seed)
    {
        var random = new Random(seed);
        var kv = new KvCacheManager(blocks: 64, blockSize: 4, watermarkBlocks: 3);
        var sizes = new Dictionary<int, int>();
        for (var op = 0; op < 5000; op++)
        {
            var sequence = random.Next(20);
            if (random.NextDouble() < 0.25)
            {
                kv.Free(sequence);
                sizes.Remove(sequence);
            }
            else
            {
                var tokens = sizes.GetValueOrDefault(sequence) + random.Next(1, 12);
                if (kv.TryGrow(sequence, tokens, keepWatermark: random.Next(2) == 0))
                {
                    sizes[sequence] = tokens;
                }
            }
            var owned = kv.Sequences.SelectMany(kv.BlockTable).ToArray();
            owned.Should().OnlyHaveUniqueItems();
            owned.Length.Should().Be(kv.UsedBlocks).And.BeLessThanOrEqualTo(kv.Capacity);
            owned.All(b => b >= 0 && b < kv.Capacity).Should().BeTrue();
            foreach (var (seq, size) in sizes)
            {
                kv.BlocksOf(seq).Should().BeGreaterThanOrEqualTo(kv.BlocksFor(size));
            }
        }
        foreach (var sequence in kv.Sequences.ToArray())
        {
            kv.Free(sequence);
        }
        kv.UsedBlocks.Should().Be(0);
        kv.FreeBlocks.Should().Be(64);
    }
}
