@benchmarks @simulate
Feature: VALID and INVALID runs
  A run is judged as MLPerf LoadGen judges it. A Server run is VALID only when the p99 TTFT and the p99 TPOT are
  within their limits, it ran for the minimum duration and issued the minimum query count, and LoadGen's early
  stopping shows the percentiles hold; otherwise it is INVALID, and says why with the measured figures. SingleStream
  issues the next query only when the previous one has finished.

  Background:
    Given the experiment "chat-8b-h100.pipe"

  Rule: A Server run over its limits is INVALID, with its reasons

    Scenario: Several times the deployment's capacity breaks the p99 TTFT limit
      Given its workload is Poisson at 400 req/s with 2000 requests
      When it runs
      Then the run is INVALID
      And it is INVALID because "p99 TTFT is"
      And it is INVALID because "over the limit of 2000 ms"
      And it is INVALID because "early stopping"

    Scenario: A rate the deployment can serve is VALID
      Given its workload is Poisson at 30 req/s with 1000 requests
      When it runs
      Then the run is VALID

  Rule: SingleStream issues one query at a time

    Scenario: Each query is issued when the previous one finishes
      Given its scenario is single-stream
      When it runs
      Then the run is VALID
      And no two queries were in flight at once
      And each query after the first arrived when the previous one finished
