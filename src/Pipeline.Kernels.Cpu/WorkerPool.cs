namespace Pipeline.Kernels.Cpu;

/// <summary>A range body: processes items <c>[begin, end)</c>.</summary>
internal delegate void RangeBody(int begin, int end);

/// <summary>
/// A persistent pool of worker threads for data-parallel kernels. The caller's thread takes part 0 and
/// <c>threads - 1</c> parked workers take the others, so a dispatch costs a wake-up, not a thread start.
/// Work is split statically into contiguous ranges (one per thread), which keeps each thread on its own
/// weight rows. Workers spin briefly after a job (kernels come back to back during a step), then block.
/// Not re-entrant: one dispatch at a time, from one thread.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    // ~1 ms: long enough to bridge the gaps between kernels of one step, short enough not to burn an idle core.
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 1000;

    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private Job? _job;
    private int _sleepers;
    private volatile bool _disposed;

    public WorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        _workers = new Thread[threads - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            int index = i + 1;
            _workers[i] = new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"cpu-kernels-{index}" };
            _workers[i].Start();
        }
    }

    public int Threads { get; }

    /// <summary>
    /// Runs <paramref name="body"/> over <c>[0, count)</c> split into at most <see cref="Threads"/> contiguous
    /// ranges, each at least <paramref name="grain"/> items (so tiny work stays on the caller's thread).
    /// Ranges start at multiples of <paramref name="align"/> (e.g. a micro-kernel's row count).
    /// </summary>
    public void For(int count, RangeBody body, int grain = 1, int align = 1)
    {
        if (count <= 0) return;
        int parts = Math.Clamp(count / Math.Max(grain, 1), 1, Threads);
        if (parts == 1)
        {
            body(0, count);
            return;
        }
        var job = new Job(body, count, parts, align);
        lock (_gate)
        {
            Volatile.Write(ref _job, job);
            if (_sleepers > 0) Monitor.PulseAll(_gate);
        }
        Execute(job, 0);
        var spin = new SpinWait();
        while (Volatile.Read(ref job.Pending) > 0) spin.SpinOnce(sleep1Threshold: -1);
        if (job.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    public void Dispose()
    {
        if (_disposed) return;
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var worker in _workers) worker.Join();
    }

    private void WorkerLoop(int index)
    {
        Job? seen = null;
        while (true)
        {
            var job = WaitForJob(seen);
            if (job is null) return;
            seen = job;
            if (index < job.Parts) Execute(job, index);
        }
    }

    private Job? WaitForJob(Job? seen)
    {
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
        {
            var job = Volatile.Read(ref _job);
            if (_disposed) return null;
            if (!ReferenceEquals(job, seen)) return job;
            Thread.SpinWait(8);
        }
        lock (_gate)
        {
            _sleepers++;
            try
            {
                while (!_disposed && ReferenceEquals(_job, seen)) Monitor.Wait(_gate);
                return _disposed ? null : _job;
            }
            finally
            {
                _sleepers--;
            }
        }
    }

    private static void Execute(Job job, int part)
    {
        var (begin, end) = job.Range(part);
        try
        {
            if (begin < end) job.Body(begin, end);
        }
        catch (Exception ex)
        {
            // Recorded, not thrown: the caller must still wait for every worker before leaving the dispatch.
            job.Failure ??= ex;
        }
        finally
        {
            if (part != 0) Interlocked.Decrement(ref job.Pending);
        }
    }

    private sealed class Job(RangeBody body, int count, int parts, int align)
    {
        public readonly RangeBody Body = body;
        public readonly int Parts = parts;
        public int Pending = parts - 1;
        public volatile Exception? Failure;

        public (int Begin, int End) Range(int part) => (Split(part), Split(part + 1));

        private int Split(int part)
        {
            if (part >= Parts) return count;
            int units = (count + align - 1) / align;
            return Math.Min(count, (int)((long)units * part / Parts) * align);
        }
    }
}
