using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;

namespace Pipeline.Plans.Tests.Costs;

public sealed class KvCacheSizingTests
{
    // 2 layers, hidden 64, 4 heads of 16, 2 KV heads, ffn 128, vocab 100, context 256, f16:
    // parameters = 100*64*2 + 2*(64*64*2 + 64*32*2 + 64*128*3 + 2*64) + 64 = 86,848.
    private static readonly ModelArchitecture Small = new(2, 64, 4, 2, 128, 100, 256, 10_000, 1e-5, DType.F16);

    private static AcceleratorSpec Device(double memory) =>
        new("test", new Dictionary<DType, double> { [DType.F16] = 1e12 }, 1e11, memory, 1e10, "test-link");

    [Fact]
    public void Sizes_a_small_worker_exactly()
    {
        var result = KvCacheSizing.Compute(Small, Device(1_000_000), tensorParallel: 1, blockSize: 16);

        result.WeightBytesPerAccelerator.Should().Be(86_848 * 2);
        result.ReserveBytesPerAccelerator.Should().Be(100_000);
        // 2 (K,V) * 2 layers * 2 KV heads * 16 * 2 bytes = 256 B per token; 4096 B per 16-token block;
        // (1,000,000 - 100,000 - 173,696) / 4096 = 177.3 -> 177 blocks.
        result.Geometry.Should().Be(new KvCacheGeometry(256, 16, 177));
        result.KvBytesForFullContext.Should().Be(256 * 256);
        result.MemoryPerAccelerator.Should().Be(1_000_000);
        result.Fits.Should().BeTrue();
    }

    [Fact]
    public void An_fp8_kv_cache_beside_16_bit_weights_halves_bytes_per_token_and_keeps_the_weights()
    {
        var result = KvCacheSizing.Compute(Small with { KvCacheType = DType.FP8 }, Device(1_000_000), tensorParallel: 1, blockSize: 16);

        result.WeightBytesPerAccelerator.Should().Be(86_848 * 2, "weights stay f16");
        // 2 (K,V) * 2 layers * 2 KV heads * 16 * 1 byte = 128 B per token; 2048 B per block; 726,304 / 2048 = 354.6 -> 354.
        result.Geometry.Should().Be(new KvCacheGeometry(128, 16, 354));
    }

    [Fact]
    public void Fp4_stores_four_bits_and_a_shared_fp8_scale_per_16_elements()
    {
        var fp4 = Small with { WeightType = DType.FP4 };
        var result = KvCacheSizing.Compute(fp4, Device(1_000_000), tensorParallel: 1, blockSize: 16);

        // 86,848 weights x (4 + 8/16) bits = 86,848 x 9/16 bytes = 48,852 bytes.
        fp4.WeightBytes.Should().Be(48_852);
        result.WeightBytesPerAccelerator.Should().Be(48_852);
        // KV in fp4 too: 2 (K,V) * 2 layers * 2 KV heads * 16 = 128 elements x 9/16 = 72 B per token, 1152 B per block;
        // (1,000,000 - 100,000 - 48,852) / 1152 = 738.8 -> 738 blocks.
        result.Geometry.Should().Be(new KvCacheGeometry(72, 16, 738));
    }

    [Fact]
    public void A_reserve_follows_the_accelerators_memory_utilisation()
    {
        var device = Device(1_000_000) with { Cost = CostParameters.Ideal with { MemoryUtilisation = 0.75 } };
        KvCacheSizing.Compute(Small, device, tensorParallel: 1, blockSize: 16).ReserveBytesPerAccelerator.Should().Be(250_000);
    }

    [Fact]
    public void A_share_of_free_memory_is_taken_after_the_weights()
    {
        // TensorRT-LLM's rule: the KV cache is 0.9 of what the 173,696 B of weights leave free:
        // 0.9 x (1,000,000 - 173,696) = 743,673.6 -> 743,673 B, 181.6 -> 181 blocks of 4096 B; the reserve is the rest,
        // 826,304 - 743,673 = 82,631 B (vLLM's rule keeps 100,000 and gets 177 blocks).
        var device = Device(1_000_000) with { Cost = CostParameters.Ideal with { MemoryUtilisationOf = MemoryUtilisationBase.Free } };

        var result = KvCacheSizing.Compute(Small, device, tensorParallel: 1, blockSize: 16);

        result.ReserveBytesPerAccelerator.Should().Be(82_631);
        result.Geometry.Should().Be(new KvCacheGeometry(256, 16, 181));
        result.Fits.Should().BeTrue();
    }

    [Fact]
    public void Under_the_free_rule_weights_larger_than_the_device_leave_no_blocks_and_do_not_fit()
    {
        var device = Device(150_000) with { Cost = CostParameters.Ideal with { MemoryUtilisationOf = MemoryUtilisationBase.Free } };

        var result = KvCacheSizing.Compute(Small, device, tensorParallel: 1, blockSize: 16);

        result.Geometry.BlocksPerWorker.Should().Be(0);
        result.ReserveBytesPerAccelerator.Should().Be(0);
        result.Fits.Should().BeFalse();
    }

    [Fact]
    public void Under_the_free_rule_each_pipeline_stage_keeps_its_share_of_what_its_own_weights_leave()
    {
        // Two stages of one layer (36,992 parameters) each: stage 0 adds the embedding (6,400), stage 1 the head (6,400)
        // and the final norm (64): 86,784 and 86,912 B. Each keeps 0.9 of what its own weights leave: 821,894 and
        // 821,779 B; one layer's KV is 128 B per token, 2,048 B per block: 401 blocks either way.
        var device = Device(1_000_000) with { Cost = CostParameters.Ideal with { MemoryUtilisationOf = MemoryUtilisationBase.Free } };

        var result = KvCacheSizing.Compute(Small, device, tensorParallel: 1, blockSize: 16, pipelineParallel: 2);

        result.WeightBytesPerAccelerator.Should().Be(86_912);
        result.Geometry.BlocksPerWorker.Should().Be(401);
    }

    [Fact]
    public void A_steps_activations_come_off_before_either_share()
    {
        // Per token: hidden 3 x 64 + QKV (64 + 2 x 32) + MLP 3 x 128 = 704 values x 2 bytes = 1,408 B; 100 tokens 140,800 B.
        KvCacheSizing.ActivationBytesPerShard(Small, 1, 100).Should().Be(140_800);
        // vLLM: 1,000,000 - 100,000 - 140,800 - 173,696 = 585,504 B, 142 blocks of 4,096 B.
        var device = KvCacheSizing.Compute(Small, Device(1_000_000), tensorParallel: 1, blockSize: 16, stepTokens: 100);
        device.ReserveBytesPerAccelerator.Should().Be(240_800);
        device.Geometry.BlocksPerWorker.Should().Be(142);
        // TensorRT-LLM: 0.9 x (1,000,000 - 173,696 - 140,800) = 616,953 B, 150 blocks.
        var free = Device(1_000_000) with { Cost = CostParameters.Ideal with { MemoryUtilisationOf = MemoryUtilisationBase.Free } };
        KvCacheSizing.Compute(Small, free, tensorParallel: 1, blockSize: 16, stepTokens: 100).Geometry.BlocksPerWorker.Should().Be(150);
    }

    [Fact]
    public void Llama_2_70b_keeps_about_16_gb_for_vllms_65536_token_profile_pass()
    {
        ModelCatalog.TryGet("llama-2-70b", out var model).Should().BeTrue();
        // 3 x 8,192 + (8,192 + 2 x 1,024) + 3 x 28,672 = 120,832 values x 2 bytes x 65,536 tokens = 15.84 GB; tp 2 halves
        // the sharded part: 3 x 8,192 + 5,120 + 3 x 14,336 = 72,704 values.
        KvCacheSizing.ActivationBytesPerShard(model!, 1, 65_536).Should().Be(65_536L * 120_832 * 2);
        KvCacheSizing.ActivationBytesPerShard(model!, 2, 4_096).Should().Be(4_096L * 72_704 * 2);
    }

    [Fact]
    public void Tensor_parallel_splits_weights_and_kv_heads_across_shards()
    {
        var result = KvCacheSizing.Compute(Small, Device(1_000_000), tensorParallel: 2, blockSize: 16);

        // Norm weights (2*2*64 + 64 = 320) are replicated, the other 86,528 parameters split: 43,584 per shard.
        result.WeightBytesPerAccelerator.Should().Be(43_584 * 2);
        // One KV head per shard: 128 B per token, 2048 B per block; (900,000 - 87,168) / 2048 = 396.9 -> 396.
        result.Geometry.Should().Be(new KvCacheGeometry(256, 16, 396));
    }

    [Fact]
    public void More_shards_than_kv_heads_replicate_kv_heads()
    {
        var result = KvCacheSizing.Compute(Small, Device(1_000_000), tensorParallel: 4, blockSize: 16);

        result.Geometry.BytesPerToken.Should().Be(4 * 128, "each of 4 shards keeps one whole KV head");
    }

    [Fact]
    public void A_device_too_small_for_the_weights_has_no_blocks_and_does_not_fit()
    {
        var result = KvCacheSizing.Compute(Small, Device(150_000), tensorParallel: 1, blockSize: 16);

        result.Geometry.BlocksPerWorker.Should().Be(0);
        result.Fits.Should().BeFalse();
    }

    [Fact]
    public void Room_for_weights_but_not_a_full_context_sequence_does_not_fit()
    {
        // Reserve 21,000 + weights 173,696 leave 15,304 B: 3 blocks, but a 256-token sequence needs 16.
        var result = KvCacheSizing.Compute(Small, Device(210_000), tensorParallel: 1, blockSize: 16);

        result.Geometry.BlocksPerWorker.Should().Be(3);
        result.Fits.Should().BeFalse();
    }

    [Fact]
    public void A_full_context_sequence_needs_whole_blocks()
    {
        // Context 256 in 100-token blocks needs 3 blocks (25,600 B each); 64,000 B of KV room holds only 2.
        var budget = 173_696 + 64_000;
        var memory = (long)Math.Ceiling(budget / 0.9) + 10; // reserve is a tenth of memory
        var result = KvCacheSizing.Compute(Small, Device(memory), tensorParallel: 1, blockSize: 100);

        result.Geometry.BlocksPerWorker.Should().Be(2);
        result.Geometry.TokenCapacity.Should().Be(200);
        result.Fits.Should().BeFalse();
    }

    [Fact]
    public void Llama_2_70b_in_bf16_needs_two_h100s()
    {
        ModelCatalog.TryGet("llama-2-70b", out var model).Should().BeTrue();
        AcceleratorCatalog.TryGet("h100-sxm", out var h100).Should().BeTrue();

        var one = KvCacheSizing.Compute(model!, h100!, 1, 16);
        var two = KvCacheSizing.Compute(model!, h100!, 2, 16);

        one.WeightBytesPerAccelerator.Should().BeGreaterThan(h100!.MemoryCapacity, "138 GB of weights on an 85.5 GB device");
        one.Fits.Should().BeFalse();
        two.Fits.Should().BeTrue();
        two.WeightBytesPerAccelerator.Should().BeApproximately(69e9, 0.1e9);
        // TensorRT-LLM's rule on 81,559 MiB = 85.52 GB: 0.9 x (85.52 - 68.98 GB of weights) = 14.9 GB of KV per shard,
        // 5,670 blocks of 16 tokens at 160 KiB per token per shard.
        two.Geometry.BytesPerToken.Should().Be(327_680);
        two.Geometry.BlocksPerWorker.Should().BeInRange(5600, 5750);
        two.KvBytesForFullContext.Should().Be(4096.0 * 327_680);
    }

    [Fact]
    public void Llama_3_1_70b_full_128k_context_needs_four_h100s()
    {
        ModelCatalog.TryGet("llama-3.1-70b", out var model).Should().BeTrue();
        AcceleratorCatalog.TryGet("h100-sxm", out var h100).Should().BeTrue();

        KvCacheSizing.Compute(model!, h100!, 2, 16).Fits.Should().BeFalse("a 131072-token sequence is 43 GB of KV");
        KvCacheSizing.Compute(model!, h100!, 4, 16).Fits.Should().BeTrue();
    }
}
