@library @must-fail
Feature: Step library failures
  Scenarios that must fail, run through FeatureRunner with the real step library.

  Scenario: A file with a typo does not compile
    Given the experiment:
      """
      experiment typo {
        model llama-2-7b
        hardware { accelerator = h100-sxm }
        batching { max_btch = 8 }
        workload { prompt = fixed(32 tok)   output = fixed(16 tok)   requests = 8 }
      }
      """
    When it is compiled
    Then it compiles without errors

  Scenario: The wrong line is named
    Given the experiment:
      """
      experiment typo {
        model llama-2-7b
        hardware { accelerator = h100-sxm }
        batching { max_btch = 8 }
        workload { prompt = fixed(32 tok)   output = fixed(16 tok)   requests = 8 }
      }
      """
    When it is compiled
    Then there is an error PL0101 at line 3

  Scenario: A run that does not exist is named
    Given the experiment "features/batching/chat-service.pipe"
    And its workload is Poisson at 12 req/s with 20 requests
    When it runs
    Then the p99 TTFT is at most 1 times that of "never-ran"

  Scenario: A value a step sets is refused at the step
    Given the experiment "examples/quickstart.pipe"
    And its batching is continuous with max batch 0
    Then the plan states the FLOPs, bytes and arithmetic intensity of prefill and decode
