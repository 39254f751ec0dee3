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
    private readonly Dictionary<string, (LongHistogram Latencies, long Units)> _phases = new(StringComparer.Ordinal);
    private long _intervalUnits;
    private long _totalUnits;

    public string Name { get; } = name;

    public HistogramBase Total => _total;

    /// <summary>Work units completed after warm-up (events for the event operation, requests for recommend).</summary>
    public long Units => Interlocked.Read(ref _totalUnits);

    public IReadOnlyDictionary<string, long> Errors => _errors;

    public List<TimelinePoint> Timeline { get; } = [];

    /// <summary>Records one success; with a <paramref name="phase"/> (a part of the measured run) also in that phase's own histogram.</summary>
    public void RecordSuccess(TimeSpan latency, int units, string? phase = null)
    {
        var micros = Math.Clamp((long)latency.TotalMicroseconds, 1, HighestTrackableMicros);
        _recorder.RecordValue(micros);
        Interlocked.Add(ref _intervalUnits, units);
        if (phase is not null)
        {
            lock (_phases)
            {
                var (latencies, phaseUnits) = _phases.TryGetValue(phase, out var entry) ? entry : (new LongHistogram(HighestTrackableMicros, 3), 0);
                latencies.RecordValue(micros);
                _phases[phase] = (latencies, phaseUnits + units);
            }
        }
    }

    /// <summary>The latencies and work units recorded in <paramref name="phase"/>; an empty histogram when none were.</summary>
    public (HistogramBase Latencies, long Units) Phase(string phase)
    {
        lock (_phases)
        {
            return _phases.TryGetValue(phase, out var entry) ? (entry.Latencies.Copy(), entry.Units) : (new LongHistogram(HighestTrackableMicros, 3), 0);
        }
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
