@batching @simulate
Feature: Batching policies
  A GPU serving an LLM is fastest when many sequences share each step, but every request wants its own first
  token soon. Static batching gathers a batch and runs it until its longest request is done: short requests
  wait for long ones, and new arrivals wait for the whole batch. Continuous (iteration-level) batching lets
  requests join and leave at every step. Chunked prefill splits long prompts so that a step never holds more
  than a token budget, and running requests keep getting their next token.

  These scenarios run chat-service.pipe (Llama 3.1 8B on an H100) through the cost model, so they are
  deterministic and take a second. Only the batching policy, or the arrivals, change between runs.

  Background:
    Given the experiment "chat-service.pipe"
    And its workload is Poisson at 12 req/s with 300 requests

  Rule: Under the same Poisson load, continuous batching beats static batching

    Scenario: Continuous batching gives a far lower p99 TTFT and a higher throughput than static batching
      Given its batching is static with max batch 32
      When it runs as "static"
      Given its batching is continuous with max batch 32
      When it runs as "continuous"
      Then every request completed
      And the p99 TTFT is at most 0.5 times that of "static"
      And the mean TTFT is at most 0.5 times that of "static"
      And the throughput is at least 1.1 times that of "static"

  Rule: Chunked prefill bounds the stall that long prompts cause to running requests

    Scenario: When long prompts arrive, chunked prefill keeps the inter-token latency of chat requests low
      # long-prompts.csv: 100 chat requests (128-token prompts) at 20 req/s, and a 6000-token prompt every 0.25 s.
      # Without chunking, each long prompt is prefilled in one step and every running request waits for it.
      Given its arrivals follow the trace "long-prompts.csv"
      And its batching is continuous with max batch 32 and 8192 tokens per step
      When it runs as "continuous"
      Given its batching is chunked with max batch 32 and 512 tokens per step
      When it runs as "chunked"
      Then every request completed
      And the p99 ITL of requests with prompts of at most 512 tokens is at most 0.5 times that of "continuous"
      And the max ITL of requests with prompts of at most 512 tokens is at most 0.5 times that of "continuous"
