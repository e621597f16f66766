@plans
Feature: Compiled plans
  Compiling an experiment produces an immutable plan: the model's shape and weights, the workers and their
  KV caches, the scheduler's settings, the workload, the SLOs, and what each phase of inference costs.
  The plan is what runs, so it is what is reviewed: its text form is committed next to each conformance case
  (spec/conformance/valid/*.plan.txt, checked once, by the compiler's conformance tests), and any change to it
  shows in review.

  Rule: The plan states what each phase costs and where it sits on the roofline

    Scenario: Prefill lands above the accelerator's ridge point and decode below it
      Given the experiment "examples/mlperf-llama-2-70b-server.pipe"
      When it is compiled
      Then the plan states the FLOPs, bytes and arithmetic intensity of prefill and decode
      And prefill is compute-bound on its accelerator
      And decode is memory-bound on its accelerator
      And prefill's arithmetic intensity is at least 50 times decode's

    Scenario: The ridge point comes from a declared accelerator's own figures
      # my-npu: 400 TFLOPS of bf16 over 1.6 TB/s is 250 FLOP per byte.
      Given the experiment "spec/conformance/valid/declared-accelerator.pipe"
      When it is compiled
      Then the ridge point of its accelerator is 250 FLOP per byte
      And decode is memory-bound on its accelerator
