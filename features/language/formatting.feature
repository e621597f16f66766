@language @fmt
Feature: Formatting experiment files
  `pipeline fmt` rewrites an experiment file in one canonical layout (one statement per line, two-space
  indentation, comments kept), so diffs in review show changes of meaning, not of style.

  Rule: Formatting round-trips

    Scenario Outline: Formatting <file> is stable and keeps its meaning
      Given the experiment "<file>"
      When it is formatted
      Then formatting it again changes nothing
      And the formatted file compiles to the same plan
      And the formatted file keeps every comment

      Examples:
        | file                                          |
        | examples/quickstart.pipe                      |
        | examples/disaggregated-llama-2-70b.pipe       |
        | examples/sweep-rate.pipe                      |
        | spec/conformance/valid/comments-everywhere.pipe |
        | spec/conformance/valid/declared-accelerator.pipe |

  Rule: A file with syntax errors is never rewritten

    Scenario: An unclosed block stops the formatter
      Given the experiment:
        """
        experiment unclosed {
          model llama-2-7b
          batching { max_batch = 8
        """
      When it is formatted
      Then it is not formatted, because of error PL0004
