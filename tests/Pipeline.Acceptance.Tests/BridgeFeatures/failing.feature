@bridge @must-fail
Feature: Failures through the bridge

  Scenario: A wrong total fails
    Given the number 1
    When I add 1
    Then the total is 3
    And the total is 2

  Scenario: A step without a binding fails
    Given the number 1
    When I juggle the numbers
