using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Pipeline.Core.Tests.IO;

/// <summary>
/// Runs code with file permissions enforced, even when the tests run as root (CI does): root's
/// <c>CAP_DAC_OVERRIDE</c> and <c>CAP_DAC_READ_SEARCH</c> read a mode-000 file anyway, so a permission test would
/// pass without ever meeting a refusal. Linux credentials belong to a thread, so the code runs on a thread of its
/// own whose effective set lacks both; the thread ends with the code and nothing else runs without them.
/// </summary>
internal static class PermissionsEnforced
{
    private const uint CapabilityVersion3 = 0x20080522;
    private const uint DacOverride = 1u << 1, DacReadSearch = 1u << 2;

    /// <summary>The value of <paramref name="action"/>, computed where a file's mode is obeyed.</summary>
    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropOverrides();
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Makes <paramref name="path"/> (a file or a folder) unreadable and unwritable by its mode.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void DenyAll(string path) => File.SetUnixFileMode(path, UnixFileMode.None);

    private static void DropOverrides()
    {
        if (!OperatingSystem.IsLinux()) return; // elsewhere the tests do not run as a privileged user here
        var header = new CapabilityHeader { Version = CapabilityVersion3, Pid = 0 };
        var data = new CapabilityData[2];
        if (CapGet(ref header, data) != 0) throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        data[0].Effective &= ~(DacOverride | DacReadSearch);
        if (CapSet(ref header, data) != 0) throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [DllImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static extern int CapGet(ref CapabilityHeader header, [In, Out] CapabilityData[] data);

    [DllImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static extern int CapSet(ref CapabilityHeader header, [In] CapabilityData[] data);
}
