using System.Diagnostics;

namespace Seed.LoadTest.Monitoring;

/// <summary>
/// Samples the silo's RSS (<see cref="ProcessMemory"/>) once a second from the start of the load until stopped, so a
/// report shows memory through the load and the idle time after it (idle activations being collected).
/// </summary>
public sealed class SiloMemorySampler(int pid, Func<int, long?> readRssBytes)
{
    private readonly List<MemoryPoint> _points = [];
    private readonly Stopwatch _clock = new();
    private volatile bool _idle;

    public SiloMemorySampler(int pid)
        : this(pid, ProcessMemory.ReadRssBytes)
    {
    }

    public IReadOnlyList<MemoryPoint> Points
    {
        get
        {
            lock (_points)
            {
                return [.. _points];
            }
        }
    }

    /// <summary>The latest sample, or null before the first.</summary>
    public MemoryPoint? Latest
    {
        get
        {
            lock (_points)
            {
                return _points.Count == 0 ? null : _points[^1];
            }
        }
    }

    /// <summary>Marks the samples from now on as taken after the load (the idle phase).</summary>
    public void LoadEnded() => _idle = true;

    /// <summary>Samples now and then every second until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        Sample();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            Sample();
        }
    }

    /// <summary>Takes one sample; a process that is gone leaves no point (the series ends where it died).</summary>
    public void Sample()
    {
        if (readRssBytes(pid) is not { } bytes)
        {
            return;
        }

        lock (_points)
        {
            _points.Add(new MemoryPoint(Math.Round(_clock.Elapsed.TotalSeconds, 2), Math.Round(bytes / (1024.0 * 1024.0), 1), _idle));
        }
    }
}
