using Pipeline.Cluster.Internal;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Tests;

/// <summary>The submitter's rules on planted grains: no Orleans runtime, every answer scripted.</summary>
public sealed class SubmitterTests
{
    private static readonly CellResult Result = new(0, 0, [], new CellFigures(1, 2, 3, 4, 5, 6, 7, true, true), [], []);

    [Fact]
    public async Task A_cell_whose_silo_died_is_started_again_on_another_silo_and_recorded_once()
    {
        // Silo A takes the cell, then dies: one call fails, then the fresh activation (silo B) has never heard of it.
        var grain = new ScriptedGrain(
            start: ["A", "B"],
            poll: [Answer.Running("A"), Answer.Dead, Answer.Unknown("B"), Answer.Running("B"), Answer.Done("B")]);
        var attempts = new List<CellAttempt>();
        var executor = new OrleansCellExecutor(_ => grain, new CellClusterOptions(PollInterval: TimeSpan.FromMilliseconds(1), OnAttempt: attempts.Add));

        var results = await TestCells.Collect(executor, [Cell(0)]);

        results.Should().ContainSingle().Which.Figures.Should().Be(Result.Figures);
        attempts.Should().Equal(new CellAttempt(0, 1, "A"), new CellAttempt(0, 2, "B"));
        grain.Starts.Should().Be(3, "the first start, one after the failed call (idempotent there), one on the fresh activation");
    }

    [Fact]
    public async Task A_cell_submitted_twice_is_recorded_once()
    {
        var grains = new Dictionary<string, ScriptedGrain>();
        var executor = new OrleansCellExecutor(key => grains.TryGetValue(key, out var g) ? g : grains[key] = new ScriptedGrain(["A"], [Answer.Done("A")]),
            new CellClusterOptions(PollInterval: TimeSpan.FromMilliseconds(1)));

        var results = await TestCells.Collect(executor, [Cell(0), Cell(0)]);

        results.Should().ContainSingle();
    }

    [Fact]
    public async Task A_cell_too_large_for_a_cluster_message_ends_at_once_with_the_reason_and_the_others_run()
    {
        var grains = new Dictionary<string, ScriptedGrain>();
        var executor = new OrleansCellExecutor(key => grains.TryGetValue(key, out var g) ? g : grains[key] = new ScriptedGrain(["A"], [Answer.Done("A")]),
            new CellClusterOptions(PollInterval: TimeSpan.FromMilliseconds(1)), maxCellBytes: 4096);
        var large = Cell(1) with { Files = [new("/traces/long.csv", new string('9', 5000))] };

        var results = await TestCells.Collect(executor, [Cell(0), large]);

        results.Should().HaveCount(2, "no cell is lost");
        results.Single(r => r.Index == 1).Errors.Should().ContainSingle().Which.Should().Contain("more than the 4,096 a cluster message may hold");
        grains.Keys.Should().ContainSingle("the large cell was never sent");
    }

    private static ExperimentCell Cell(int index) => new("/x.pipe", "experiment x { }", [], index, null, CellKind.Run);

    private sealed record Answer(CellState? State, string Silo)
    {
        public static Answer Dead { get; } = new(null, "");
        public static Answer Running(string silo) => new(CellState.Running, silo);
        public static Answer Unknown(string silo) => new(CellState.Unknown, silo);
        public static Answer Done(string silo) => new(CellState.Done, silo);
    }

    /// <summary>Answers Start with the next silo of <paramref name="start"/> (Running) and Poll with the next scripted answer.</summary>
    private sealed class ScriptedGrain(string[] start, Answer[] poll) : ICellGrain
    {
        private int _poll;
        private string _silo = "";

        public int Starts { get; private set; }

        public Task<CellStatus> Start(string cellJson)
        {
            Starts++;
            // The first activation lives on the script's first silo; a fresh one (the last poll said Unknown) on its second.
            if (Starts == 1) _silo = start[0];
            else if (_poll > 0 && poll[_poll - 1].State == CellState.Unknown) _silo = start[1];
            return Task.FromResult(new CellStatus(CellState.Running, _silo, null));
        }

        public Task<CellStatus> Poll()
        {
            var answer = poll[Math.Min(_poll++, poll.Length - 1)];
            if (answer.State is null) throw new TimeoutException("silo died");
            return Task.FromResult(new CellStatus(answer.State.Value, answer.Silo, null, answer.State == CellState.Done ? CellJson.Pack(Result) : null));
        }
    }
}
