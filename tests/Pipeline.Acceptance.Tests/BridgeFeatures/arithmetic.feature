@bridge
Feature: Arithmetic through the bridge
  Steps of the bridge tests' own bindings (tests/.../Bridge/RecordingSteps.cs), not the step library.

  Background:
    Given the number 1

  Scenario: Background steps run first
    When I add 2
    Then the total is 3

  Rule: Outlines expand per row

    @outline
    Scenario Outline: Adding <n> to one gives <total>
      When I add <n>
      Then the total is <total>

      Examples:
        | n  | total |
        | 1  | 2     |
        | 10 | 11    |

      @more
      Examples: larger
        | n   | total |
        | 100 | 101   |

  Rule: Arguments reach the steps

    Scenario: A table reaches the step
      Given the rows:
        | name  | value |
        | alpha | 1     |
        | beta  | 2     |
      Then 2 rows were recorded

    Scenario: A doc string reaches the step
      Given the text:
        """
        line one
        line two
        """
      Then the text has 2 lines

  @ignore
  Scenario: Ignored scenarios are not run
    Then the total is 42

  @pending
  Scenario: Pending scenarios are not run
    Then the total is 42
