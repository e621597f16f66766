using Pipeline.Core.Text;

namespace Pipeline.Runner.Tests.Capacity;

/// <summary>Small capacity plans on Llama 3.1 8B (simulate mode, 150 queries, p90 limits so LoadGen's early stopping passes).</summary>
internal static class CapacityTexts
{
    /// <summary>Decode-light, prompt-heavy traffic: the prefill bound is close enough to matter.</summary>
    public static SourceText PrefillHeavy(double traffic, string extra = "") => new("prefill-heavy.pipe", $$"""
        {{extra}}
        experiment prefill-heavy {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          batching { policy = chunked  max_batch = 64  max_batched_tokens = 4096 tok }
          workload { arrivals = poisson(rate: {{traffic.ToString(System.Globalization.CultureInfo.InvariantCulture)}} req/s)  prompt = uniform(1024 tok, 2048 tok)  output = fixed(16 tok)  requests = 150  seed = 11 }
          slo { ttft p90 <= 400 ms  tpot p90 <= 100 ms }
          benchmark { scenario = server  mode = simulate  min_queries = 150  seed = 11 }
          capacity {
            hardware.accelerator = [l40s, a100-80gb, h100-sxm]
            hardware.tp = [1, 2]
          }
        }
        """);

    /// <summary>Separate prefill and decode pools: the bound is the prefill pool's.</summary>
    public static SourceText Disaggregated { get; } = new("disaggregated.pipe", """
        experiment disaggregated {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          disaggregation { prefill { workers = 1 }  decode { workers = 1 } }
          batching { policy = continuous  max_batch = 32 }
          workload { arrivals = poisson(rate: 6 req/s)  prompt = uniform(1024 tok, 2048 tok)  output = uniform(16 tok, 48 tok)  requests = 150  seed = 5 }
          slo { ttft p90 <= 300 ms  tpot p90 <= 30 ms }
          benchmark { scenario = server  mode = simulate  min_queries = 150  seed = 5 }
          capacity {
            disaggregation.prefill.accelerator = [l40s, h100-sxm]
            disaggregation.decode.accelerator = [l40s, h200]
          }
        }
        """);

    /// <summary>The table snapshot's plan: two accelerators, two tensor-parallel degrees.</summary>
    public static SourceText Small { get; } = new("small.pipe", """
        experiment small-capacity {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          batching { policy = continuous  max_batch = 32 }
          workload { arrivals = poisson(rate: 6 req/s)  prompt = uniform(256 tok, 768 tok)  output = uniform(32 tok, 96 tok)  requests = 150  seed = 7 }
          slo { ttft p90 <= 300 ms  tpot p90 <= 30 ms }
          benchmark { scenario = server  mode = simulate  min_queries = 150  seed = 7 }
          capacity {
            hardware.accelerator = [l40s, h100-sxm]
            hardware.tp = [1, 2]
          }
        }
        """);
}
