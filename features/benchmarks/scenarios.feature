@benchmarks @simulate
Feature: Throughput under latency limits
  MLPerf Inference measures a deployment in scenarios. Offline sends every query at once and counts output tokens per
  second. Server sends a Poisson stream and counts only while the p99 TTFT and the p99 TPOT stay within their limits;
  its figure is the highest rate that is VALID. Interactive is Server with tighter limits. A throughput-only figure is
  the Offline one, and it hides what the limits cost: the comparison says how much of it each scenario keeps.

  Background:
    Given the experiment "chat-8b-h100.pipe"

  Rule: Latency limits cost throughput, and the report says how much

    Scenario: Offline exceeds the peak VALID Server figure, and Interactive is lower still
      When its scenarios are compared
      Then every scenario's run is VALID
      And the Offline throughput is above the Server throughput at its peak rate
      And the Server throughput at its peak rate is above the Interactive throughput at its peak rate
      And the Interactive throughput at its peak rate is above the SingleStream throughput
      And the report states each scenario's share of the Offline throughput
