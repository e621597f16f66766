@execute @phases
Feature: Prefill and decode, measured on the engine
  A request is served in two phases. Prefill runs the whole prompt through the model in one pass: many
  multiply-adds for every weight read, so it is compute-bound and its time grows with the prompt.
  Decode then produces one token per step: every weight is streamed from memory for one row of arithmetic
  per sequence, so it is memory-bound, and putting several sequences in one step costs little more than one.

  These scenarios time real forward passes of a small random-weight Llama on the local CPU engine
  (weights of about 90 MB, so decode streams them from memory rather than cache). They compare ratios with
  wide margins, never absolute times, and time the two cases in alternation so machine load hits both alike.
  A CPU has a far lower ridge point than a GPU, so the decode batch here is kept small (4): beyond about 8 the
  CPU runs out of arithmetic before memory bandwidth, which is the ridge point showing through.

  Background:
    Given a random-weight Llama model:
      | layers | hidden | heads | kv_heads | ffn  | vocab |
      | 2      | 1024   | 8     | 4        | 2752 | 512   |

  Rule: Decode is memory-bound: batching sequences into one step is almost free

    Scenario: A decode step for 4 sequences costs far less than 4 single-sequence steps
      When a decode step is timed at batch sizes 1 and 4, each with 32 tokens of context
      Then the step at batch 4 takes less than 3 times as long as the step at batch 1

  Rule: Prefill is compute-bound: its time grows with the prompt

    Scenario: A prompt 8 times longer takes several times longer to prefill
      When prefill is timed for prompts of 32 and 256 tokens
      Then prefill of 256 tokens takes at least 3 times as long as prefill of 32 tokens
