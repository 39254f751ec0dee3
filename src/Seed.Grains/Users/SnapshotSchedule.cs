namespace Seed.Grains.Users;

/// <summary>
/// When a user grain writes its state snapshot: once <c>everyEvents</c> applied events are not in one, or
/// <c>interval</c> after the first such event (one entry in the silo's <see cref="SnapshotDueTimer"/>, made only
/// while something is pending, so an idle user costs nothing), and never once the state is known to be half-applied.
/// </summary>
/// <remarks>
/// With <paramref name="spread"/> above 0 each wait is a random interval × [1, 1 + spread): users whose first
/// events came together (a traffic spike, a load test, a replay) would otherwise all write at the same moment, and
/// thousands of writes queued on the storage at once held those users' next calls for hundreds of milliseconds.
/// <para>
/// The schedule itself is what the silo's timer holds, and it passes the due call on to <paramref name="target"/> until
/// <see cref="Detach"/>: a deactivated user is then not kept in memory by the timer until its entry is due (a whole
/// interval, however long one is configured), only this small object is.
/// </para>
/// </remarks>
public sealed class SnapshotSchedule(int everyEvents, TimeSpan interval, SnapshotDueTimer timer, ISnapshotDue target, double spread = 0) : ISnapshotDue
{
    private ISnapshotDue? _target = target;

    /// <summary>True from scheduling a due call until it arrives (<see cref="DueCallArrived"/>): at most one at a time.</summary>
    private bool _dueCallScheduled;

    /// <summary>Applied events the stored snapshot does not reflect yet (they are in the log).</summary>
    public int PendingEvents { get; private set; }

    public bool HasPendingEvents => PendingEvents > 0;

    /// <summary>False once applying a logged batch failed half-way: such a state must never become a snapshot.</summary>
    public bool StateIsUsable { get; private set; } = true;

    /// <summary>Counts applied events; true when a snapshot is due now, otherwise a due call is scheduled.</summary>
    public bool RecordApplied(int events)
    {
        PendingEvents += events;
        if (PendingEvents >= everyEvents)
        {
            return true;
        }

        ScheduleDueCall();
        return false;
    }

    /// <summary>The timer called back: the next pending event or retry may schedule another call.</summary>
    public void DueCallArrived() => _dueCallScheduled = false;

    public void Written() => PendingEvents = 0;

    /// <summary>A write failed, or could not start then: try again after another interval.</summary>
    public void TryLater() => ScheduleDueCall();

    public void MarkStateUnusable() => StateIsUsable = false;

    /// <summary>The user was erased: nothing is pending.</summary>
    public void Reset() => PendingEvents = 0;

    /// <summary>The activation is going: a call still scheduled goes nowhere.</summary>
    public void Detach() => Volatile.Write(ref _target, null);

    /// <summary>On the timer's thread: passes the call on while attached.</summary>
    void ISnapshotDue.SnapshotDue() => Volatile.Read(ref _target)?.SnapshotDue();

    private void ScheduleDueCall()
    {
        if (!_dueCallScheduled)
        {
            timer.Schedule(this, spread > 0 ? interval * (1 + (spread * Random.Shared.NextDouble())) : interval);
            _dueCallScheduled = true;
        }
    }
}
