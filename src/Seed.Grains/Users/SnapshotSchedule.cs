namespace Seed.Grains.Users;

/// <summary>
/// When a user grain writes its state snapshot: once <c>everyEvents</c> applied events are not in one, or
/// <c>interval</c> after the first such event (a one-shot timer, armed only while something is pending, so an idle
/// user costs no timer ticks), and never once the state is known to be half-applied.
/// </summary>
/// <remarks>
/// The timer is created by <paramref name="createTimer"/> the first time something is pending and disposed once the
/// snapshot holds everything: an activation with nothing to write keeps no timer object (a million idle activations
/// would otherwise each hold one).
/// <para>
/// With <paramref name="spread"/> above 0 each arming waits a random interval × [1, 1 + spread): users whose first
/// events came together (a traffic spike, a load test, a replay) would otherwise all write at the same moment, and
/// thousands of writes queued on the storage at once held those users' next calls for hundreds of milliseconds.
/// </para>
/// </remarks>
public sealed class SnapshotSchedule(int everyEvents, TimeSpan interval, Func<IGrainTimer> createTimer, double spread = 0)
{
    private IGrainTimer? _timer;
    private bool _timerArmed;

    /// <summary>Applied events the stored snapshot does not reflect yet (they are in the log).</summary>
    public int PendingEvents { get; private set; }

    public bool HasPendingEvents => PendingEvents > 0;

    /// <summary>False once applying a logged batch failed half-way: such a state must never become a snapshot.</summary>
    public bool StateIsUsable { get; private set; } = true;

    /// <summary>Whether the activation holds a timer object now (armed or waiting to be released).</summary>
    public bool HoldsTimer => _timer is not null;

    /// <summary>Counts applied events; true when a snapshot is due now, otherwise the timer is armed.</summary>
    public bool RecordApplied(int events)
    {
        PendingEvents += events;
        if (PendingEvents >= everyEvents)
        {
            return true;
        }

        ArmTimer();
        return false;
    }

    public void TimerFired()
    {
        _timerArmed = false;
        ReleaseTimerWhenIdle();
    }

    public void Written()
    {
        PendingEvents = 0;
        ReleaseTimerWhenIdle();
    }

    /// <summary>A write failed: the timer tries again after another interval.</summary>
    public void WriteFailed() => ArmTimer();

    public void MarkStateUnusable() => StateIsUsable = false;

    /// <summary>The user was erased: nothing is pending.</summary>
    public void Reset()
    {
        PendingEvents = 0;
        ReleaseTimerWhenIdle();
    }

    private void ArmTimer()
    {
        if (!_timerArmed)
        {
            _timer ??= createTimer();
            _timer.Change(spread > 0 ? interval * (1 + (spread * Random.Shared.NextDouble())) : interval, Timeout.InfiniteTimeSpan);
            _timerArmed = true;
        }
    }

    /// <summary>Nothing pending and no tick due: the timer object goes until something is pending again.</summary>
    private void ReleaseTimerWhenIdle()
    {
        if (_timer is not null && !_timerArmed && PendingEvents == 0)
        {
            _timer.Dispose();
            _timer = null;
        }
    }
}
