using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Pipeline.Acceptance.Bridge.Internal;
using Pipeline.Acceptance.Internal;
using Reqnroll;

namespace Pipeline.Acceptance.Bridge;

/// <summary>
/// Runs <see cref="ScenarioCase"/>s through Reqnroll's runtime, the way a generated test class would:
/// feature start, scenario start, each step by keyword with its table and doc string, collect errors, end.
/// Runs on one executor must not overlap (Reqnroll's feature lifecycle is not re-entrant); callers serialise.
/// </summary>
public sealed class ScenarioExecutor
{
    private const string NoStepMatches = "No step definition matches this step.";
    private static readonly ConcurrentDictionary<Assembly, Lazy<Task>> s_runsStarted = new();
    private static readonly ConcurrentDictionary<Assembly, BridgeContainerBuilder> s_builders = new();
    private readonly Assembly _stepAssembly;
    private readonly BridgeContainerBuilder _builder;

    /// <summary>Creates an executor whose steps are the Pipeline step library.</summary>
    public ScenarioExecutor()
        : this(typeof(ScenarioExecutor).Assembly)
    {
    }

    /// <summary>
    /// Creates an executor whose bindings come from <paramref name="stepAssembly"/> and any additional assemblies.
    /// Reqnroll keeps one runtime per <paramref name="stepAssembly"/>, so the additional assemblies given the first
    /// time an assembly is used are the ones that count.
    /// </summary>
    public ScenarioExecutor(Assembly stepAssembly, params Assembly[] additionalStepAssemblies)
    {
        ArgumentNullException.ThrowIfNull(stepAssembly);
        ArgumentNullException.ThrowIfNull(additionalStepAssemblies);
        _stepAssembly = stepAssembly;
        _builder = s_builders.GetOrAdd(stepAssembly, _ => new BridgeContainerBuilder(additionalStepAssemblies));
    }

    /// <summary>Runs one case; skipped cases are not run. Failures are results, not exceptions.</summary>
    public async Task<ScenarioResult> RunAsync(ScenarioCase scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.SkipReason is { } reason)
        {
            return new ScenarioResult(scenario, ScenarioOutcome.Skipped, reason, null, TimeSpan.Zero);
        }
        if (HostCultureProblem() is { } problem)
        {
            return new ScenarioResult(scenario, ScenarioOutcome.Failed, problem, null, TimeSpan.Zero);
        }
        await s_runsStarted.GetOrAdd(_stepAssembly,
            a => new Lazy<Task>(() => TestRunnerManager.OnTestRunStartAsync(a, _builder))).Value;
        var clock = Stopwatch.StartNew();
        // Gherkin keywords are English; Reqnroll's step skeletons need a named language.
        var featureInfo = new FeatureInfo(CultureInfo.GetCultureInfo("en-US"), scenario.FeatureDirectory, scenario.FeatureName,
            scenario.FeatureDescription, ProgrammingLanguage.CSharp, []);
        var runner = TestRunnerManager.GetTestRunnerForAssembly(_stepAssembly, _builder, featureInfo);
        try
        {
            await runner.OnFeatureStartAsync(featureInfo);
            try
            {
                var (failedStep, status, error) = await RunScenarioAsync(runner, scenario);
                var result = Judge(scenario, failedStep, status, error, clock.Elapsed);
                return result.FailedStep is { } step && result.Message is { } message && message.Contains(NoStepMatches, StringComparison.Ordinal)
                    && StepSuggestions.Closest(step.Text, _stepAssembly) is { } suggestion
                    ? result with { Message = $"{message}{Environment.NewLine}Did you mean `{step.Keyword.Trim()} {suggestion}`?" }
                    : result;
            }
            finally
            {
                await runner.OnFeatureEndAsync();
            }
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
    }

    /// <summary>
    /// Reqnroll's configuration creates the <c>en-US</c> culture, which a host built with
    /// <c>InvariantGlobalization</c> refuses unless it also sets <c>PredefinedCulturesOnly=false</c>.
    /// </summary>
    private static string? HostCultureProblem()
    {
        try
        {
            _ = CultureInfo.GetCultureInfo("en-US");
            return null;
        }
        catch (CultureNotFoundException)
        {
            return "This process cannot create the en-US culture that Reqnroll needs: build the host with "
                + "<PredefinedCulturesOnly>false</PredefinedCulturesOnly> (InvariantGlobalization stays on).";
        }
    }

    /// <summary>
    /// A scenario passes only when no step left the OK status and nothing was thrown: a step that failed without an
    /// exception reaching the bridge (a status Reqnroll recorded and did not rethrow) still fails the scenario.
    /// </summary>
    internal static ScenarioResult Judge(ScenarioCase scenario, ScenarioStep? failedStep, ScenarioExecutionStatus status,
        Exception? error, TimeSpan elapsed)
    {
        if (error is not null)
        {
            return new ScenarioResult(scenario, ScenarioOutcome.Failed, Describe(failedStep, error), failedStep, elapsed);
        }
        if (failedStep is not null || status != ScenarioExecutionStatus.OK)
        {
            var where = failedStep is null ? string.Empty : $"Step failed: {failedStep} (line {failedStep.Line}){Environment.NewLine}";
            return new ScenarioResult(scenario, ScenarioOutcome.Failed,
                $"{where}The scenario ended with status {status} although no error was reported.", failedStep, elapsed);
        }
        return new ScenarioResult(scenario, ScenarioOutcome.Passed, null, null, elapsed);
    }

    private static async Task<(ScenarioStep? FailedStep, ScenarioExecutionStatus Status, Exception? Error)> RunScenarioAsync(ITestRunner runner, ScenarioCase scenario)
    {
        var arguments = new OrderedDictionary();
        foreach (var (key, value) in scenario.ExampleValues) arguments[key] = value;
        var tags = scenario.Tags.ToArray();
        var rule = scenario.RuleName is null ? null : new RuleInfo(scenario.RuleName, string.Empty, []);
        runner.OnScenarioInitialize(new ScenarioInfo(scenario.ScenarioName, string.Empty, tags, arguments, [], null), rule);
        ScenarioStep? failedStep = null;
        Exception? error = null;
        var status = ScenarioExecutionStatus.OK;
        try
        {
            await runner.OnScenarioStartAsync();
            var current = runner.ScenarioContext.ScenarioContainer.Resolve<CurrentStep>();
            foreach (var step in scenario.Steps)
            {
                current.Enter(scenario.FeaturePath, step);
                await RunStepAsync(runner, step);
                if (failedStep is null && runner.ScenarioContext.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
                {
                    failedStep = step;
                }
            }
            status = runner.ScenarioContext.ScenarioExecutionStatus;
            await runner.CollectScenarioErrorsAsync();
        }
        catch (Exception ex)
        {
            // Anything a binding or hook throws is the scenario's failure, reported as a value.
            error = ex;
        }
        finally
        {
            await runner.OnScenarioEndAsync();
        }
        return (failedStep, status, error);
    }

    private static Task RunStepAsync(ITestRunner runner, ScenarioStep step)
    {
        var table = step.Table is { Count: > 0 } rows ? ToTable(rows) : null;
        return step.Kind switch
        {
            StepKind.Given => runner.GivenAsync(step.Text, step.DocString, table, step.Keyword),
            StepKind.When => runner.WhenAsync(step.Text, step.DocString, table, step.Keyword),
            StepKind.Then => runner.ThenAsync(step.Text, step.DocString, table, step.Keyword),
            StepKind.But => runner.ButAsync(step.Text, step.DocString, table, step.Keyword),
            _ => runner.AndAsync(step.Text, step.DocString, table, step.Keyword),
        };
    }

    private static Table ToTable(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var table = new Table(rows[0].ToArray());
        foreach (var row in rows.Skip(1)) table.AddRow(row.ToArray());
        return table;
    }

    private static string Describe(ScenarioStep? step, Exception error)
    {
        var message = error switch
        {
            // Reqnroll's own text here is a C# skeleton; users of the step library write no C#.
            StepNotRunException when error.Message.Contains("No matching step definition", StringComparison.Ordinal) =>
                NoStepMatches + " The Pipeline steps are listed with examples in features/README.md.",
            StepNotRunException => "The step is pending: " + error.Message,
            // A step's argument converted by the binding: say which kind of value it must be, not the runtime's words.
            OverflowException => "A number in the step is too large for it: whole-number arguments go up to 2,147,483,647.",
            FormatException => "A value in the step is not a number where the step takes one (" + error.Message + ")",
            _ => Pipeline.Core.Diagnostics.UserMessage.Of(error),
        };
        var where = step is null ? string.Empty : $"Step failed: {step} (line {step.Line}){Environment.NewLine}";
        return where + message.Trim();
    }
}
