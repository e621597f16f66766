using System.Runtime.InteropServices;

namespace Pipeline.Engine.Tests;

/// <summary>
/// CPU time consumed by the calling thread alone (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, nanosecond resolution), so a
/// measurement is not inflated by other threads of the test process (parallel tests, llama.cpp's spinning pool, GC).
/// Elsewhere it falls back to the process's CPU time.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return time.Seconds + time.Nanoseconds * 1e-9;
        }
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
