namespace Seed.LoadTest.Workload;

/// <summary>
/// Cuts a time-ordered event stream into requests of consecutive events and says when each is due. With a speed-up
/// S the request whose first event happened at t is due (t − t₀) / S after the start of the run, so the replay keeps
/// the data set's bursts and lulls, only faster; without one, requests carry no due time of their own and the runner
/// paces them (--rate) or sends them back to back (--max). Consecutive chunks keep every user's events in order
/// inside a request; the runner keeps the order between requests.
/// </summary>
public sealed class ReplaySchedule
{
    private readonly IReadOnlyList<LoadEvent> _events;
    private readonly int _batchSize;
    private readonly double? _speedup;

    public ReplaySchedule(IReadOnlyList<LoadEvent> events, int batchSize, double? speedup)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (speedup is { } factor && !(factor > 0 && double.IsFinite(factor)))
        {
            throw new ArgumentOutOfRangeException(nameof(speedup), speedup, "The speed-up must be a positive, finite factor.");
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Timestamp < events[i - 1].Timestamp)
            {
                throw new ArgumentException($"Replay events must be in time order; event {i} ({events[i].Timestamp:O}) is older than event {i - 1}.", nameof(events));
            }
        }

        _events = events;
        _batchSize = batchSize;
        _speedup = speedup;
    }

    public int BatchCount => (_events.Count + _batchSize - 1) / _batchSize;

    public long EventCount => _events.Count;

    /// <summary>Wall-clock length of the whole replay at the speed-up (null without one).</summary>
    public TimeSpan? Length => _speedup is null || _events.Count == 0 ? null : Scale(_events[^1].Timestamp - _events[0].Timestamp);

    public LoadEvent[] Batch(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BatchCount);
        var start = index * _batchSize;
        var batch = new LoadEvent[Math.Min(_batchSize, _events.Count - start)];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = _events[start + i];
        }

        return batch;
    }

    /// <summary>When request <paramref name="index"/> is due, relative to the run's start (null without a speed-up).</summary>
    public TimeSpan? DueAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BatchCount);
        return _speedup is null ? null : Scale(_events[index * _batchSize].Timestamp - _events[0].Timestamp);
    }

    private TimeSpan Scale(TimeSpan dataSetTime) => TimeSpan.FromTicks((long)(dataSetTime.Ticks / _speedup!.Value));
}
