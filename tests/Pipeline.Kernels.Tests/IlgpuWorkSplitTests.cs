using Pipeline.Kernels.Ilgpu;

namespace Pipeline.Kernels.Tests;

/// <summary>The work splits visit every item exactly once (the strided one is the GPU path, unreachable without a GPU).</summary>
public sealed class IlgpuWorkSplitTests
{
    [Theory]
    [InlineData(1, 32)]
    [InlineData(31, 32)]
    [InlineData(33, 32)]
    [InlineData(1000, 7)]
    [InlineData(65536, 270336)]
    public void Chunked_and_strided_splits_cover_each_item_once(int count, int maxThreads)
    {
        foreach (var split in new[] { WorkSplit.Chunked(count, maxThreads), WorkSplit.Strided(count, maxThreads) })
        {
            split.Threads.Should().BeInRange(1, maxThreads);
            var visits = new int[count];
            for (var thread = 0; thread < split.Threads; thread++)
            {
                for (var t = 0; t < split.PerThread; t++)
                {
                    var item = thread * split.ThreadStep + t * split.ItemStep;
                    if (item >= split.Count) break;
                    visits[item]++;
                }
            }
            visits.Should().OnlyContain(v => v == 1, $"split {split}");
        }
    }
}
