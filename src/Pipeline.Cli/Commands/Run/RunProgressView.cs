using System.Globalization;
using Pipeline.Runner;
using Pipeline.Runner.Cells;
using Pipeline.Serving.Observation;
using Spectre.Console;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// Runs a plan while showing progress: a live bar on a terminal, a few plain lines when redirected. Timelines are not
/// kept: the observers (reports, the rejection tally) see each one as it finishes.
/// </summary>
internal static class RunProgressView
{
    /// <summary>Runs a <see cref="CellKind.Run"/> cell of an experiment named <paramref name="name"/>.</summary>
    public static RunResult Run(ExperimentCell cell, string name, IReadOnlyList<IServingObserver> observers, CliOutput output)
    {
        Func<RunOptions, RunResult> run = options =>
            CellRunner.Run(cell, options).Run ?? throw new InvalidOperationException($"cell {cell.Index} compiled here but not as a cell");
        if (!output.IsInteractive)
        {
            var reporter = new PlainProgress(output.Error);
            return run(new RunOptions(Progress: reporter, Observers: observers, KeepTimelines: false, Cancellation: output.Interrupt));
        }
        RunResult? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{name}: requests", maxValue: 1);
                var progress = new SynchronousProgress<RunProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{name}: {p.Done}/{p.Total} requests, {p.OutputTokensPerSecond:F1} tok/s");
                });
                result = run(new RunOptions(Progress: progress, Observers: observers, KeepTimelines: false, Cancellation: output.Interrupt));
            });
        return result!;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and lag).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>One line at each quarter of the requests, for logs.</summary>
    private sealed class PlainProgress(TextWriter writer) : IProgress<RunProgress>
    {
        private int _nextQuarter = 1;

        public void Report(RunProgress value)
        {
            if (value.Total <= 0 || value.Done * 4 < _nextQuarter * value.Total) return;
            while (_nextQuarter <= 4 && value.Done * 4 >= _nextQuarter * value.Total) _nextQuarter++;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"progress: {value.Done}/{value.Total} requests, {value.OutputTokensPerSecond:F1} output tok/s"));
        }
    }
}
