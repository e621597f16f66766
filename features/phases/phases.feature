@execute @phases
Feature: Prefill and decode, counted on the engine
  A request is served in two phases. Prefill runs the whole prompt through the model in one pass: many
  multiply-adds for every weight read, so it is compute-bound and its time grows with the prompt.
  Decode then produces one token per step: every weight is streamed from memory for one row of arithmetic
  per sequence, so it is memory-bound, and putting several sequences in one step costs little more than one.

  These scenarios run real forward passes of a small random-weight Llama on the local CPU engine and count, in the
  backend, the weight bytes each step streams and the multiply-adds (2 FLOPs each) of its matrix products. Counts
  are the same on any machine however busy, so they prove the claims without timing anything; the speed they
  lead to is measured by `pipeline bench engine` (benchmarks/README.md). The model holds 23,724,032 weights
  (2 x 11,599,872 per layer plus a 512 x 1024 LM head), 94.9 MB in f32.

  Background:
    Given a random-weight Llama model:
      | layers | hidden | heads | kv_heads | ffn  | vocab |
      | 2      | 1024   | 8     | 4        | 2752 | 512   |

  Rule: Decode is memory-bound: batching sequences into one step is almost free

    Scenario: A decode step for 4 sequences streams the weights once, as a step for one does
      When a decode step runs at batch sizes 1 and 4, each with 32 tokens of context
      Then the step at batch 4 streams the same weight bytes as the step at batch 1
      And the step at batch 4 does 4 times the matrix FLOPs of the step at batch 1
      # 4 sequences x 2 FLOPs per weight over 4 bytes per weight: 2 FLOPs per byte, far below a CPU's ridge point.
      And the step at batch 4 does at most 2 FLOPs per weight byte

  Rule: Prefill is compute-bound: its work grows with the prompt

    Scenario: A prompt 8 times longer takes about 8 times the arithmetic to prefill, on the same weights
      When prefill runs for prompts of 32 and 256 tokens
      # Every token goes through both layers; only the last one through the LM head: (256 x 23,199,744 + 524,288)
      # over (32 x 23,199,744 + 524,288) is 7.99.
      Then prefill of 256 tokens does at least 7.9 times the matrix FLOPs of prefill of 32 tokens
      And prefill of 256 tokens does at least 100 FLOPs per weight byte
