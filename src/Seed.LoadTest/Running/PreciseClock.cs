using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Seed.LoadTest.Running;

/// <summary>
/// Waits until a stopwatch reaches a due time, never returning before it. .NET's timed waits take whole
/// milliseconds and truncate (a 1.9 ms wait sleeps 1 ms), so a pacer built on them sends up to a millisecond early
/// and every latency measured from the due time reads too low, even below zero (measured: half the no-op reads at
/// 538/s came out under 5 μs). On Linux the last stretch is slept with nanosleep, to the microsecond; elsewhere,
/// or if libc cannot be loaded, the wait rounds up to the next millisecond, so requests go late (counted in the
/// latency, as send lag) rather than early.
/// </summary>
public static class PreciseClock
{
    /// <summary>Longer waits are cut into slices of this, so a cancellation is seen within one slice.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    /// <summary>EINTR on Linux.</summary>
    private const int Interrupted = 4;

    private static bool _nanosleepWorks = OperatingSystem.IsLinux();

    /// <summary>Returns true once <paramref name="clock"/> reads at least <paramref name="due"/>; false if cancelled first.</summary>
    public static bool WaitUntil(Stopwatch clock, TimeSpan due, CancellationToken cancellationToken) =>
        WaitUntil(clock, due, useNanosleep: true, cancellationToken);

    /// <summary>Same; <paramref name="useNanosleep"/> false takes the portable whole-millisecond path (tests run it on Linux too).</summary>
    internal static bool WaitUntil(Stopwatch clock, TimeSpan due, bool useNanosleep, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            var wait = due - clock.Elapsed;
            if (wait <= TimeSpan.Zero)
            {
                return true;
            }

            if (wait > Slice)
            {
                if (cancellationToken.WaitHandle.WaitOne(Slice))
                {
                    return false;
                }
            }
            else if (!(useNanosleep && _nanosleepWorks && TrySleep(wait)))
            {
                // Whole milliseconds, rounded up: late by under a millisecond, never early.
                if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds))))
                {
                    return false;
                }
            }
        }
    }

    private static bool TrySleep(TimeSpan wait)
    {
        var request = new TimeSpec { Seconds = wait.Ticks / TimeSpan.TicksPerSecond, Nanoseconds = wait.Ticks % TimeSpan.TicksPerSecond * 100 };
        try
        {
            // A signal can end the sleep early (EINTR); the caller's loop sleeps again for what is left. Any other
            // failure switches to the millisecond waits for good.
            if (NativeMethods.Nanosleep(ref request, IntPtr.Zero) != 0 && Marshal.GetLastPInvokeError() != Interrupted)
            {
                _nanosleepWorks = false;
                return false;
            }

            return true;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            _nanosleepWorks = false;
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
        public static extern int Nanosleep(ref TimeSpec request, IntPtr remaining);
    }
}
