@accounting @execute
Feature: Nothing is lost
  When the KV cache runs out, the scheduler preempts the newest running requests: it frees their cache blocks
  and later recomputes (or swaps back) what they had. A request too large for the whole cache can never run and
  is rejected, with the reason. Either way every request ends accounted for, and because decoding is greedy,
  a preempted request must produce exactly the tokens it would have produced without preemption.

  tight-cache.pipe executes a tiny random-weight Llama on this machine's CPU under a flood of 40 requests.

  Background:
    Given the experiment "tight-cache.pipe"

  Rule: Under overload with a small KV cache, every request completes or is rejected with a reason

    Scenario: A cache too small for the load forces preemptions, and no request is lost
      Given its KV cache holds 12 blocks per worker
      When it runs
      Then at least one request was preempted
      And every request completed or was rejected with a reason

    Scenario: Requests larger than the whole cache are rejected with a reason instead of waiting forever
      Given its KV cache holds 12 blocks per worker
      And its prompts are 240 tokens and its outputs 32 tokens
      When it runs
      Then at least one request was rejected
      And every request completed or was rejected with a reason

  Rule: Preemption never changes what a request generates

    Scenario Outline: Requests preempted with <mode> produce the same greedy tokens as without preemption
      When it runs as "roomy"
      Given its KV cache holds 12 blocks per worker
      And its preemption is <mode>
      When it runs
      Then the preempted requests produced the same tokens as in "roomy"
      And every request that completed in both runs produced the same tokens as in "roomy"

      Examples:
        | mode      |
        | recompute |
        | swap      |
