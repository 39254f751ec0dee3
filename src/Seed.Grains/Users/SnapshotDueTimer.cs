using Microsoft.Extensions.Logging;

namespace Seed.Grains.Users;

/// <summary>
/// One silo-wide timer for every user's pending snapshot: a queue of (activation, due time) ordered by due time, whose
/// timer is set for the earliest entry. It replaces a grain timer per user: an Orleans grain timer leaves per-activation
/// bookkeeping behind after it is disposed (a components dictionary and an empty timer set, about 400 bytes), which at a
/// million active users is 400 MB for timers that fire once. Here an entry costs a slot in the heap while pending and
/// nothing afterwards.
/// </summary>
/// <remarks>
/// Entries are not removed when an activation goes away (a heap has no cheap removal): the entry is the activation's
/// <see cref="SnapshotSchedule"/>, detached on deactivation, so the timer keeps that small object until its entry is due
/// and not the grain. Entries due within <see cref="Resolution"/> of each other are delivered
/// together, so a burst of users that started in the same second costs a handful of timer callbacks, not one each.
/// </remarks>
public sealed class SnapshotDueTimer : IDisposable
{
    /// <summary>How early an entry may be delivered: with the whole-interval spreads in use, irrelevant to when data is safe.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly ILogger<SnapshotDueTimer> _logger;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private readonly PriorityQueue<ISnapshotDue, long> _entries = new();

    /// <summary>When the timer fires next (<see cref="TimeProvider.GetTimestamp"/> units), or <see cref="long.MaxValue"/> when unset.</summary>
    private long _timerDue = long.MaxValue;

    public SnapshotDueTimer(TimeProvider time, ILogger<SnapshotDueTimer> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((SnapshotDueTimer)state!).DeliverDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Entries not delivered yet.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Calls <paramref name="target"/>'s <see cref="ISnapshotDue.SnapshotDue"/> once, <paramref name="delay"/> from now.</summary>
    public void Schedule(ISnapshotDue target, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        var now = _time.GetTimestamp();
        var due = now + ToTimestampUnits(delay);
        lock (_lock)
        {
            _entries.Enqueue(target, due);
            if (due < _timerDue)
            {
                SetTimer(due, now);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void DeliverDue()
    {
        List<ISnapshotDue>? due = null;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var horizon = now + ToTimestampUnits(Resolution);
            while (_entries.TryPeek(out var target, out var dueAt) && dueAt <= horizon)
            {
                _entries.Dequeue();
                (due ??= []).Add(target);
            }

            _timerDue = long.MaxValue;
            if (_entries.TryPeek(out _, out var next))
            {
                SetTimer(next, now);
            }
        }

        // Outside the lock: a target only queues work on its activation, but it must not hold up Schedule calls.
        foreach (var target in due ?? [])
        {
            try
            {
                target.SnapshotDue();
            }
            catch (Exception ex)
            {
                // On a timer thread an escaping exception would end the process; one user's snapshot is not worth that
                // (its events are in the log, and its next event or deactivation schedules or writes one again).
                _logger.LogWarning(ex, "A due user snapshot could not be handed to its activation");
            }
        }
    }

    /// <summary>Sets the timer for <paramref name="due"/> (at once when that has passed).</summary>
    private void SetTimer(long due, long now)
    {
        _timerDue = due;
        var wait = _time.GetElapsedTime(now, Math.Max(due, now));
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private long ToTimestampUnits(TimeSpan span) => (long)(span.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
}
