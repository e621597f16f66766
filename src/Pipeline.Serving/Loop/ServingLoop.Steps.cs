using System.Runtime.InteropServices;
using Pipeline.Serving.Internal;
using Pipeline.Serving.Observation;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Loop;

public sealed partial class ServingLoop
{
    /// <summary>
    /// Every idle worker (lowest index first) takes its share of a shared queue, then schedules a step; a non-empty one is
    /// executed now and ends after its duration.
    /// </summary>
    private void StartIdleWorkers(double now)
    {
        foreach (var worker in _workers)
        {
            if (worker.Busy)
            {
                continue;
            }
            if (_shared is { Count: > 0 } && worker.Role != Plans.PoolRole.Decode)
            {
                TakeShared(worker, now);
            }
            var batch = worker.Scheduler.Schedule(now);
            foreach (var id in batch.Preempted)
            {
                worker.Scheduler.RecorderOf(id).Preempted(now);
            }
            if (batch.IsEmpty)
            {
                if (batch.WakeAt is { } wake && worker.WakeAt != wake)
                {
                    worker.WakeAt = wake;
                    Push(new WakeEvent(wake, worker.Index));
                }
                continue;
            }
            var result = worker.Executor.Execute(batch, now);
            if (!(result.Seconds >= 0) || double.IsInfinity(result.Seconds))
            {
                throw new InvalidOperationException($"Executor of worker {worker.Index} returned a step of {result.Seconds} s.");
            }
            var end = now + result.Seconds;
            if (_options.RecordSteps)
            {
                // Without step records a recorder learns nothing here (its token ids come with each token), so it is not visited.
                var sequences = ScheduledBatch.Contiguous(batch.Sequences).AsSpan();
                for (var i = 0; i < sequences.Length; i++)
                {
                    ref readonly var sequence = ref sequences[i];
                    worker.Scheduler.RecorderAt(i).Step(worker.Index, batch.Step, now, end, sequence.Phase, sequence.TokenCount);
                }
            }
            if (_observers.Count > 0)
            {
                var step = StepRecord(worker, batch, now, end);
                foreach (var observer in _observers)
                {
                    observer.OnStep(step);
                }
            }
            worker.Busy = true;
            _steps++;
            Push(new StepDoneEvent(end, worker.Index, result));
        }
    }

    private const int RecorderPrefetchDistance = 8;

    private void StepDone(ServingWorker worker, StepDoneEvent done, double now)
    {
        worker.Busy = false;
        var update = worker.Scheduler.Update(new StepOutcome(done.Result.SampledTokens));
        // The scheduler lists the recorders of the tokens and finished requests as it applies them (by position, no lookup).
        var scheduler = worker.Scheduler;
        if (update.Tokens.Count > 0)
        {
            // The step's end is kept once (the worker's log); each token's recorder notes where.
            var (segment, index) = worker.StepTimes.Append(now);
            var emitted = CollectionsMarshal.AsSpan(scheduler.EmittedRecorders);
            for (var k = 0; k < emitted.Length; k++)
            {
                // Each recorder is its own cache line: asked for a few ahead, their misses overlap.
                if (k + RecorderPrefetchDistance < emitted.Length && emitted[k + RecorderPrefetchDistance].Recorder is { } ahead) CachePrefetch.Object(ahead);
                var (recorder, tokens) = emitted[k];
                recorder!.Token(segment, index, tokens);
            }
            _outputTokens += update.Tokens.Count;
        }
        foreach (var recorder in scheduler.FinishedRecorders)
        {
            Finished(recorder!, now);
        }
        foreach (var id in update.HandedOff)
        {
            var target = _decode!.Pick();
            _pendingTransfers[target.Index].Enqueue((id, worker));
        }
    }

    /// <summary>
    /// Moves handed-off KV to decode workers in arrival order per worker, as soon as the worker has the blocks;
    /// the prefill worker keeps the blocks until then (back-pressure, as in real disaggregated servers).
    /// </summary>
    private void StartTransfers(double now)
    {
        foreach (var (index, queue) in _pendingTransfers)
        {
            var target = _workers[index];
            while (queue.TryPeek(out var pending))
            {
                var recorder = pending.Source.Scheduler.RecorderOf(pending.Request);
                var blocks = target.Scheduler.TryReserveRecorded(recorder.Request, [.. recorder.Request.PromptTokens, .. recorder.Tokens], recorder);
                if (blocks is null)
                {
                    break;
                }
                queue.Dequeue();
                var source = pending.Source;
                var snapshot = source.Executor.ExportKv(pending.Request, source.Scheduler.HandedOffBlocks(pending.Request));
                var seconds = snapshot.Seconds + target.Executor.ImportKv(snapshot, blocks);
                source.Scheduler.ReleaseHandedOff(pending.Request);
                recorder.Transfer(now, now + seconds);
                recorder.Routed(target.Index);
                foreach (var observer in _observers)
                {
                    observer.OnKvTransfer(new KvTransferRecord(pending.Request, source.Index, target.Index, now, now + seconds, snapshot.Bytes));
                }
                Push(new TransferDoneEvent(now + seconds, target.Index, pending.Request));
            }
        }
    }

    private static WorkerStepRecord StepRecord(ServingWorker worker, ScheduledBatch batch, double start, double end)
    {
        int prefillSequences = 0, prefillTokens = 0, decodes = 0;
        long context = 0;
        foreach (ref readonly var sequence in ScheduledBatch.Contiguous(batch.Sequences).AsSpan())
        {
            if (sequence.Phase == SequencePhase.Decode)
            {
                decodes++;
            }
            else
            {
                prefillSequences++;
                prefillTokens += sequence.TokenCount;
            }
            context += sequence.ContextLength;
        }
        var swapped = 0;
        foreach (var order in batch.SwapOut) swapped += order.Blocks.Count;
        foreach (var order in batch.SwapIn) swapped += order.Blocks.Count;
        return new WorkerStepRecord(worker.Index, worker.Role, batch.Step, start, end, prefillSequences, prefillTokens, decodes, context, swapped);
    }
}
