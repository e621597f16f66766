@slo @simulate
Feature: Service-level objectives
  An SLO bounds a latency percentile: MLPerf's Llama 2 70B Server scenario asks for a p99 TTFT of at most
  2 s and a p99 TPOT of at most 200 ms. An experiment states its SLOs (or takes MLPerf's with `slo = mlperf(server)`)
  and a run says whether they held. Here the cost model predicts the runs, so the figures are exact for a seed.

  Rule: The Llama 2 70B examples meet their SLOs on H100s

    Scenario: The MLPerf Server example meets MLPerf's limits
      Given the experiment "examples/mlperf-llama-2-70b-server.pipe"
      When it runs
      Then every request completed
      And it meets its SLOs
      And the p99 TTFT is at most 2000 ms
      And the p99 TPOT is at most 200 ms

    Scenario: The disaggregated example meets its declared limits
      Given the experiment "examples/disaggregated-llama-2-70b.pipe"
      When it runs
      Then every request completed
      And it meets its SLOs

  Rule: Load beyond capacity breaks the TTFT objective first

    Scenario: Twenty-five times the arrival rate turns queueing into the p99 TTFT
      Given the experiment "examples/disaggregated-llama-2-70b.pipe"
      When it runs as "nominal"
      Given its workload is Poisson at 100 req/s with 500 requests
      When it runs
      Then the p99 TTFT is at least 10 times that of "nominal"
      And the p99 TTFT is above 2 s
