using System.Collections.Concurrent;
using HdrHistogram;

namespace Seed.LoadTest.Running;

/// <summary>
/// Latencies (HdrHistogram, microseconds) and errors of one operation kind. Interval histograms are taken once a
/// second for the timeline and folded into the run's total once the warm-up is over.
/// </summary>
public sealed class OperationRecorder(string name)
{
    private static readonly long HighestTrackableMicros = (long)TimeSpan.FromMinutes(5).TotalMicroseconds;

    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1).WithValuesUpTo(HighestTrackableMicros).WithPrecisionOf(3)
        .WithThreadSafeWrites().WithThreadSafeReads().Create();

    private readonly LongHistogram _total = new(HighestTrackableMicros, 3);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _intervalUnits;
    private long _totalUnits;

    public string Name { get; } = name;

    public HistogramBase Total => _total;

    /// <summary>Work units completed after warm-up (events for the event operation, requests for recommend).</summary>
    public long Units => Interlocked.Read(ref _totalUnits);

    public IReadOnlyDictionary<string, long> Errors => _errors;

    public List<TimelinePoint> Timeline { get; } = [];

    public void RecordSuccess(TimeSpan latency, int units)
    {
        _recorder.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestTrackableMicros));
        Interlocked.Add(ref _intervalUnits, units);
    }

    public void RecordError(string kind, bool measured)
    {
        if (measured)
        {
            _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
        }
    }

    /// <summary>Closes the current one-second interval; counts it towards the total when <paramref name="measured"/>.</summary>
    public TimelinePoint CloseInterval(double secondsSinceStart, double intervalSeconds, bool measured)
    {
        var interval = _recorder.GetIntervalHistogram();
        var units = Interlocked.Exchange(ref _intervalUnits, 0);
        if (measured)
        {
            _total.Add(interval);
            Interlocked.Add(ref _totalUnits, units);
        }

        var point = new TimelinePoint(
            Math.Round(secondsSinceStart, 1),
            units / intervalSeconds,
            interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(50) / 1000.0,
            interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(99) / 1000.0,
            measured);
        Timeline.Add(point);
        return point;
    }
}
