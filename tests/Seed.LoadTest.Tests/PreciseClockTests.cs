using System.Diagnostics;
using Seed.LoadTest.Running;

namespace Seed.LoadTest.Tests;

public sealed class PreciseClockTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_pacer_never_wakes_before_the_due_time(bool useNanosleep)
    {
        // Sub-millisecond and fractional waits are the case .NET's whole-millisecond waits truncate: a 1.9 ms wait
        // woke after 1 ms, so requests went out early and their latencies, measured from the due time, read low.
        var clock = Stopwatch.StartNew();
        var random = new Random(5);
        var earliest = TimeSpan.MaxValue;
        // The portable path sleeps whole milliseconds, so it gets fewer (slower) rounds.
        for (var i = 0; i < (useNanosleep ? 200 : 40); i++)
        {
            var due = clock.Elapsed + TimeSpan.FromMicroseconds(random.Next(1, 3_000));

            Assert.True(PreciseClock.WaitUntil(clock, due, useNanosleep, CancellationToken.None));

            var margin = clock.Elapsed - due;
            earliest = margin < earliest ? margin : earliest;
        }

        Assert.True(earliest >= TimeSpan.Zero, $"woke {-earliest.TotalMicroseconds} μs early");
    }

    [Fact]
    public void A_due_time_already_past_returns_at_once_and_a_cancelled_wait_returns_false()
    {
        var clock = Stopwatch.StartNew();
        Assert.True(PreciseClock.WaitUntil(clock, TimeSpan.Zero, CancellationToken.None));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.False(PreciseClock.WaitUntil(clock, clock.Elapsed + TimeSpan.FromHours(1), cancelled.Token));

        // Cancelled mid-wait: the long wait is sliced, so it notices without waiting the hour out.
        using var later = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));
        Assert.False(PreciseClock.WaitUntil(clock, clock.Elapsed + TimeSpan.FromHours(1), later.Token));
    }
}
