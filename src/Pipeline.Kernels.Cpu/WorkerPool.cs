namespace Pipeline.Kernels.Cpu;

/// <summary>A range body: processes items <c>[begin, end)</c>.</summary>
internal delegate void RangeBody(int begin, int end);

/// <summary>
/// A persistent pool of worker threads for data-parallel kernels: <c>threads - 1</c> parked workers plus the
/// caller's thread, so a dispatch costs a wake-up, not a thread start. A job is cut into a few contiguous
/// chunks per thread (each chunk a run of whole weight rows) that threads claim with one atomic increment:
/// on a quiet machine that is the static split, and when a core is taken by another process the other
/// threads take its chunks instead of waiting for it (measured: a strict static split ran 2 threads slower
/// than 1 whenever this 2-core machine was shared). Workers spin for about a millisecond after a job, since
/// the kernels of a step come back to back, then keep polling while yielding the core for up to
/// <see cref="IdleWindow"/>, then block. The yielding phase is for steps that never dispatch (a small model's
/// decode runs on the caller alone): a worker blocked since the last prefill cost the next prefill 35-50 us to wake
/// on this VM (a tiny model's 15-token prefill 115 us in a serving run against 80 us when the worker was polling), and
/// a core that only polls gives way to any other runnable thread. One dispatch at a time: a concurrent or nested call
/// runs on its own thread alone.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private const int ChunksPerThread = 4;
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 1000;

    /// <summary>How long a worker keeps polling for the next job after its last one before it blocks.</summary>
    internal static readonly TimeSpan IdleWindow = TimeSpan.FromMilliseconds(20);

    // After IdleWindow: static initialisers run in textual order.
    private static readonly long IdleTicks = (long)(System.Diagnostics.Stopwatch.Frequency * IdleWindow.TotalSeconds);

    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private Job? _job;
    private int _sleepers;
    private int _busy;
    private volatile bool _disposed;

    public WorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        _workers = new Thread[threads - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"cpu-kernels-{i + 1}" };
            _workers[i].Start();
        }
    }

    public int Threads { get; }

    /// <summary>
    /// Runs <paramref name="body"/> over <c>[0, count)</c> in contiguous chunks of at least <paramref name="grain"/>
    /// items (so tiny work stays on the caller's thread) that start at multiples of <paramref name="align"/>.
    /// </summary>
    public void For(int count, RangeBody body, int grain = 1, int align = 1)
    {
        if (count <= 0) return;
        int units = (count + align - 1) / align;
        int chunks = Math.Clamp(count / Math.Max(grain, 1), 1, Math.Min(units, Threads == 1 ? 1 : Threads * ChunksPerThread));
        // A second caller (another thread sharing the backend, or a kernel nested in a worker) runs inline
        // rather than corrupting the job in flight.
        if (chunks == 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            body(0, count);
            return;
        }
        try
        {
            var job = new Job(body, count, chunks, align);
            lock (_gate)
            {
                Volatile.Write(ref _job, job);
                if (_sleepers > 0) Monitor.PulseAll(_gate);
            }
            job.Work();
            var spin = new SpinWait();
            while (Volatile.Read(ref job.Done) < chunks) spin.SpinOnce(sleep1Threshold: -1);
            if (job.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
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

    private void WorkerLoop()
    {
        Job? seen = null;
        while (WaitForJob(seen) is { } job)
        {
            seen = job;
            job.Work();
        }
    }

    private Job? WaitForJob(Job? seen)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp(), now = start;
        while (now - start < IdleTicks)
        {
            var job = Volatile.Read(ref _job);
            if (_disposed) return null;
            if (!ReferenceEquals(job, seen)) return job;
            if (now - start < SpinTicks) Thread.SpinWait(8);
            else Thread.Yield();
            now = System.Diagnostics.Stopwatch.GetTimestamp();
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

    private sealed class Job(RangeBody body, int count, int chunks, int align)
    {
        public int Next;
        public int Done;
        public volatile Exception? Failure;

        /// <summary>Claims and runs chunks until none is left (a late worker finds none and returns at once).</summary>
        public void Work()
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref Next) - 1) < chunks)
            {
                try
                {
                    int begin = Split(chunk), end = Split(chunk + 1);
                    if (begin < end) body(begin, end);
                }
                catch (Exception ex)
                {
                    // Recorded, not thrown: the caller must still wait for every chunk before leaving the dispatch.
                    Failure ??= ex;
                }
                finally
                {
                    Interlocked.Increment(ref Done);
                }
            }
        }

        private int Split(int chunk)
        {
            int units = (count + align - 1) / align;
            return Math.Min(count, (int)((long)units * chunk / chunks) * align);
        }
    }
}
