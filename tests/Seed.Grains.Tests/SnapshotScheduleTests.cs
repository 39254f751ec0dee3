using Seed.Grains.Users;

namespace Seed.Grains.Tests;

public sealed class SnapshotScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public void Events_below_the_threshold_arm_the_one_shot_timer_once()
    {
        var timer = new RecordingTimer();
        var schedule = new SnapshotSchedule(everyEvents: 10, Interval, () => timer);

        Assert.False(schedule.RecordApplied(3));
        Assert.False(schedule.RecordApplied(4));

        Assert.Equal(7, schedule.PendingEvents);
        Assert.True(schedule.HasPendingEvents);
        Assert.Equal([(Interval, Timeout.InfiniteTimeSpan)], timer.Changes);
    }

    [Fact]
    public void Reaching_the_threshold_asks_for_a_snapshot_now()
    {
        var timer = new RecordingTimer();
        var schedule = new SnapshotSchedule(everyEvents: 10, Interval, () => timer);

        Assert.False(schedule.RecordApplied(9));
        Assert.True(schedule.RecordApplied(1));
        Assert.Equal(10, schedule.PendingEvents);

        schedule.Written();

        Assert.Equal(0, schedule.PendingEvents);
        Assert.False(schedule.HasPendingEvents);
    }

    [Fact]
    public void A_batch_at_the_threshold_does_not_arm_the_timer()
    {
        var timer = new RecordingTimer();
        var schedule = new SnapshotSchedule(everyEvents: 5, Interval, () => timer);

        Assert.True(schedule.RecordApplied(12));

        Assert.Empty(timer.Changes);
    }

    [Fact]
    public void The_timer_is_armed_again_only_after_it_fired()
    {
        var timer = new RecordingTimer();
        var schedule = new SnapshotSchedule(everyEvents: 100, Interval, () => timer);
        schedule.RecordApplied(1);

        schedule.TimerFired();
        schedule.Written();
        schedule.RecordApplied(1);
        schedule.RecordApplied(1);

        Assert.Equal(2, timer.Changes.Count);
    }

    [Fact]
    public void A_failed_write_arms_the_timer_to_try_again()
    {
        var timer = new RecordingTimer();
        var schedule = new SnapshotSchedule(everyEvents: 2, Interval, () => timer);
        Assert.True(schedule.RecordApplied(2));
        Assert.Empty(timer.Changes);

        schedule.WriteFailed();

        Assert.Equal([(Interval, Timeout.InfiniteTimeSpan)], timer.Changes);
        Assert.Equal(2, schedule.PendingEvents);

        // While that timer is pending another failure does not re-arm it; once it fired, one does.
        schedule.WriteFailed();
        Assert.Single(timer.Changes);
        schedule.TimerFired();
        schedule.WriteFailed();
        Assert.Equal(2, timer.Changes.Count);
    }

    [Fact]
    public void A_half_applied_state_is_marked_unusable_and_an_erase_clears_what_is_pending()
    {
        var schedule = new SnapshotSchedule(everyEvents: 10, Interval, () => new RecordingTimer());
        schedule.RecordApplied(4);
        Assert.True(schedule.StateIsUsable);

        schedule.MarkStateUnusable();
        schedule.Reset();

        Assert.False(schedule.StateIsUsable);
        Assert.False(schedule.HasPendingEvents);
    }

    [Fact]
    public void The_timer_exists_only_while_something_is_pending()
    {
        var created = new List<RecordingTimer>();
        var schedule = new SnapshotSchedule(everyEvents: 10, Interval, () =>
        {
            created.Add(new RecordingTimer());
            return created[^1];
        });
        Assert.False(schedule.HoldsTimer);

        schedule.RecordApplied(1);
        Assert.True(schedule.HoldsTimer);
        schedule.TimerFired();
        schedule.Written();

        Assert.False(schedule.HoldsTimer);
        Assert.True(created[0].Disposed);

        // The next pending event makes a new timer rather than touching the disposed one.
        schedule.RecordApplied(1);
        Assert.Equal(2, created.Count);
        Assert.Single(created[1].Changes);
    }

    [Fact]
    public void A_snapshot_written_before_the_timer_fired_keeps_it_until_it_fires()
    {
        var timer = new RecordingTimer();
        var schedule = new SnapshotSchedule(everyEvents: 3, Interval, () => timer);
        schedule.RecordApplied(1);
        Assert.True(schedule.RecordApplied(2));

        schedule.Written();
        Assert.False(timer.Disposed);

        schedule.TimerFired();
        Assert.True(timer.Disposed);
        Assert.False(schedule.HoldsTimer);
    }

    /// <summary>An <see cref="IGrainTimer"/> that only records how it was changed.</summary>
    [Fact]
    public void A_spread_schedule_waits_between_one_and_one_and_a_half_intervals_and_not_always_the_same()
    {
        var timers = Enumerable.Range(0, 50).Select(_ => new RecordingTimer()).ToList();
        foreach (var timer in timers)
        {
            new SnapshotSchedule(everyEvents: 10, Interval, () => timer, spread: 0.5).RecordApplied(1);
        }

        var dueTimes = timers.Select(timer => Assert.Single(timer.Changes).DueTime).ToList();
        Assert.All(dueTimes, due => Assert.InRange(due, Interval, Interval * 1.5));
        Assert.True(dueTimes.Distinct().Count() > 1, "fifty users who started together must not all write at the same moment");
    }

    private sealed class RecordingTimer : IGrainTimer
    {
        public List<(TimeSpan DueTime, TimeSpan Period)> Changes { get; } = [];

        public void Change(TimeSpan dueTime, TimeSpan period) => Changes.Add((dueTime, period));

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
