using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

public sealed class SnapshotScheduleTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly SnapshotDueTimer _timer;
    private readonly CountingTarget _target = new();

    public SnapshotScheduleTests() => _timer = new SnapshotDueTimer(_time, NullLogger<SnapshotDueTimer>.Instance);

    public void Dispose() => _timer.Dispose();

    [Fact]
    public void Events_below_the_threshold_schedule_one_due_call_an_interval_later()
    {
        var schedule = NewSchedule(everyEvents: 10);

        Assert.False(schedule.RecordApplied(3));
        Assert.False(schedule.RecordApplied(4));

        Assert.Equal(7, schedule.PendingEvents);
        Assert.True(schedule.HasPendingEvents);
        Assert.Equal(1, _timer.Count);
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, _target.Calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _target.Calls);
    }

    [Fact]
    public void Reaching_the_threshold_asks_for_a_snapshot_now()
    {
        var schedule = NewSchedule(everyEvents: 10);

        Assert.False(schedule.RecordApplied(9));
        Assert.True(schedule.RecordApplied(1));
        Assert.Equal(10, schedule.PendingEvents);

        schedule.Written();

        Assert.Equal(0, schedule.PendingEvents);
        Assert.False(schedule.HasPendingEvents);
    }

    [Fact]
    public void A_batch_at_the_threshold_schedules_nothing()
    {
        var schedule = NewSchedule(everyEvents: 5);

        Assert.True(schedule.RecordApplied(12));

        Assert.Equal(0, _timer.Count);
    }

    [Fact]
    public void Another_call_is_scheduled_only_after_the_last_one_arrived()
    {
        var schedule = NewSchedule(everyEvents: 100);
        schedule.RecordApplied(1);
        schedule.RecordApplied(1);
        Assert.Equal(1, _timer.Count);

        _time.Advance(Interval);
        schedule.DueCallArrived();
        schedule.Written();
        schedule.RecordApplied(1);
        schedule.RecordApplied(1);

        Assert.Equal(1, _target.Calls);
        Assert.Equal(1, _timer.Count);
    }

    [Fact]
    public void Trying_later_schedules_a_call_unless_one_is_scheduled()
    {
        var schedule = NewSchedule(everyEvents: 2);
        Assert.True(schedule.RecordApplied(2));
        Assert.Equal(0, _timer.Count);

        schedule.TryLater();
        Assert.Equal(1, _timer.Count);
        Assert.Equal(2, schedule.PendingEvents);

        // While that call is scheduled another failure does not add one; once it arrived, one does.
        schedule.TryLater();
        Assert.Equal(1, _timer.Count);
        _time.Advance(Interval);
        schedule.DueCallArrived();
        schedule.TryLater();
        Assert.Equal(1, _timer.Count);
        Assert.Equal(1, _target.Calls);
    }

    [Fact]
    public void A_detached_schedule_passes_no_call_on_and_the_timer_holds_only_the_schedule()
    {
        var (schedule, targetReference) = ScheduleForUnreferencedTarget();

        schedule.Detach();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(targetReference.IsAlive, "a deactivated user must not be kept alive by its scheduled call");
        _time.Advance(Interval);
        Assert.Equal(0, _timer.Count);
    }

    [Fact]
    public void A_half_applied_state_is_marked_unusable_and_an_erase_clears_what_is_pending()
    {
        var schedule = NewSchedule(everyEvents: 10);
        schedule.RecordApplied(4);
        Assert.True(schedule.StateIsUsable);

        schedule.MarkStateUnusable();
        schedule.Reset();

        Assert.False(schedule.StateIsUsable);
        Assert.False(schedule.HasPendingEvents);
    }

    [Fact]
    public void A_spread_schedule_waits_between_one_and_one_and_a_half_intervals_and_not_always_the_same()
    {
        var targets = Enumerable.Range(0, 50).Select(_ => new CountingTarget()).ToList();
        foreach (var target in targets)
        {
            new SnapshotSchedule(everyEvents: 10, Interval, _timer, target, spread: 0.5).RecordApplied(1);
        }

        var arrivals = new List<int>();
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.All(targets, target => Assert.Equal(0, target.Calls));
        for (var second = 0; second <= 16; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            arrivals.Add(targets.Count(target => target.Calls == 1));
        }

        Assert.All(targets, target => Assert.Equal(1, target.Calls));
        Assert.True(arrivals.Distinct().Count() > 2, "fifty users who started together must not all write at the same moment");
    }

    private SnapshotSchedule NewSchedule(int everyEvents) => new(everyEvents, Interval, _timer, _target);

    /// <summary>
    /// A schedule with a call pending for a target nothing else references. Its own method, so that no local of the
    /// test (kept alive to the end of a method in a Debug build) holds the target.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (SnapshotSchedule Schedule, WeakReference Target) ScheduleForUnreferencedTarget()
    {
        var target = new CountingTarget();
        var schedule = new SnapshotSchedule(everyEvents: 10, Interval, _timer, target);
        schedule.RecordApplied(1);
        return (schedule, new WeakReference(target));
    }

    private sealed class CountingTarget : ISnapshotDue
    {
        public int Calls { get; private set; }

        public void SnapshotDue() => Calls++;
    }
}
