@language
Feature: Experiment files
  An experiment file says what model to serve, on what hardware, with which batching policy, under which
  load, and what "good enough" means (the SLOs). A mistake in one is reported the way a compiler reports it:
  file, line and column, the offending text underlined, and a hint that says how to fix it. Nothing runs
  until the file is right, so a typo never costs an hour of GPU time.

  Rule: Valid files compile

    Scenario Outline: The example <file> compiles without errors
      Given the experiment "examples/<file>"
      When it is compiled
      Then it compiles without errors or warnings

      Examples:
        | file                           |
        | quickstart.pipe                |
        | batching-static.pipe           |
        | batching-continuous.pipe       |
        | disaggregated-llama-2-70b.pipe |
        | mlperf-llama-2-70b-server.pipe |
        | sweep-rate.pipe                |

  Rule: Representative mistakes produce a located diagnostic with a hint

    Scenario: A misspelt setting is pointed at, with the setting it probably meant
      Given the experiment:
        """
        experiment typo {
          model llama-2-7b
          hardware { accelerator = h100-sxm }
          batching { policy = continuous   max_btch = 32 }
          workload { prompt = fixed(128 tok)   output = fixed(32 tok)   requests = 16 }
        }
        """
      When it is compiled
      Then there is an error PL0101 at line 4
      And it points at "max_btch"
      And its hint mentions "max_batch"
      And it is shown with its source line and carets
      And there are no other errors

    Scenario: A misspelt model name suggests the model in the catalogue
      Given the experiment:
        """
        experiment typo {
          model lama-2-7b
          hardware { accelerator = h100-sxm }
          workload { prompt = fixed(128 tok)   output = fixed(32 tok)   requests = 16 }
        }
        """
      When it is compiled
      Then there is an error PL0105 at line 2
      And it points at "lama-2-7b"
      And its hint mentions "llama-2-7b"

    Scenario: A batching policy that does not exist lists the ones that do
      Given the experiment:
        """
        experiment typo {
          model llama-2-7b
          hardware { accelerator = h100-sxm }
          batching { policy = continous }
          workload { prompt = fixed(128 tok)   output = fixed(32 tok)   requests = 16 }
        }
        """
      When it is compiled
      Then there is an error PL0111 at line 4
      And its hint mentions "continuous"

    Scenario: A length without a unit is refused, because tokens and seconds are easy to confuse
      Given the experiment:
        """
        experiment units {
          model tiny { layers = 2  hidden = 64  heads = 4  ffn = 128  vocab = 128  context = 512 }
          workload { prompt = fixed(32 tok)   output = fixed(16 tok)   requests = 8 }
        }
        """
      When it is compiled
      Then there is an error PL0202 at line 2
      And its message mentions "context"

    Scenario: A model shape that cannot work is caught before anything runs
      Given the experiment:
        """
        experiment shape {
          model tiny { layers = 2  hidden = 64  heads = 6  kv_heads = 2  ffn = 128  vocab = 128  context = 512 tok }
          workload { prompt = fixed(32 tok)   output = fixed(16 tok)   requests = 8 }
        }
        """
      When it is compiled
      Then there is an error PL0301 at line 2
      And its message mentions "must divide hidden"
      And its hint mentions "heads ="

    Scenario: Tensor parallelism wider than the KV heads is refused, with a degree that works
      Given the experiment:
        """
        experiment tp {
          model llama-2-70b
          hardware { accelerator = h100-sxm   tp = 16 }
          workload { prompt = fixed(128 tok)   output = fixed(32 tok)   requests = 16 }
        }
        """
      When it is compiled
      Then there is an error PL0304 at line 3
      And its hint mentions "tp = 8"

    Scenario: A block left open is reported where it was opened, and every error is reported at once
      Given the experiment:
        """
        experiment unclosed {
          model llama-2-7b
          batching { max_batch = 8
        """
      When it is compiled
      Then there is an error PL0004 at line 3
      And its message mentions "batching"
      And there is an error PL0004 at line 1
