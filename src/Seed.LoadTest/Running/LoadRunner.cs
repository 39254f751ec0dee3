using System.Diagnostics;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Running;

/// <summary>
/// Drives the load. Open loop: operations are due at a constant rate and each latency is measured from the moment
/// the operation was due, not from when it was sent, so a slow server cannot hide its queueing delay (no coordinated
/// omission). Closed loop: a fixed number of callers send back to back, to find the maximum throughput.
/// </summary>
public sealed class LoadRunner(LoadTestOptions options, ILoadTarget target, SyntheticWorkload workload)
{
    private readonly Stopwatch _clock = new();

    public OperationRecorder Events { get; } = new("event");

    public OperationRecorder Recommendations { get; } = new("recommend");

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Seconds covered by measured intervals: the denominator of every reported throughput.</summary>
    public double MeasuredSeconds { get; private set; }

    public bool InWarmup => _clock.Elapsed < options.Warmup;

    public async Task RunAsync(Action<LoadRunner, TimelinePoint, TimelinePoint> onSecond, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var total = options.Warmup + options.Duration;
        _clock.Start();
        var sampler = SampleEverySecondAsync(total, onSecond, stop.Token);
        var load = options.MaxThroughput ? ClosedLoopAsync(total, stop.Token) : OpenLoopAsync(total, options.Rate!.Value, stop.Token);
        await load;
        await stop.CancelAsync();
        await sampler;
    }

    private async Task OpenLoopAsync(TimeSpan total, double eventsPerSecond, CancellationToken cancellationToken)
    {
        var requestsPerSecond = eventsPerSecond / options.BatchSize;
        using var inFlight = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        var running = new List<Task>();
        long sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = TimeSpan.FromSeconds(sent / requestsPerSecond);
            if (due >= total)
            {
                break;
            }

            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            // The cap on requests in flight bounds client memory; the wait for a slot still counts in the latency.
            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            running.Add(RunOneAsync(due, inFlight, cancellationToken));
            sent++;
            if (running.Count > 4096)
            {
                running.RemoveAll(task => task.IsCompleted);
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ClosedLoopAsync(TimeSpan total, CancellationToken cancellationToken)
    {
        var callers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            await Task.Yield();
            while (_clock.Elapsed < total && !cancellationToken.IsCancellationRequested)
            {
                await RunOneAsync(_clock.Elapsed, null, cancellationToken).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(callers).ConfigureAwait(false);
    }

    private async Task RunOneAsync(TimeSpan due, SemaphoreSlim? slot, CancellationToken cancellationToken)
    {
        try
        {
            // Random.Shared is thread-safe; --seed fixes the catalog, while the event stream may differ between runs.
            var random = Random.Shared;
            var now = DateTimeOffset.UtcNow;
            var batch = new SyntheticEvent[options.BatchSize];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = workload.NextEvent(random, workload.NextUser(random), now);
            }

            var measured = !InWarmup;
            if (await TimeAsync(Events, due, batch.Length, measured, () => target.SendEventsAsync(batch, cancellationToken)).ConfigureAwait(false))
            {
                // Recommendation requests ride along with events at the configured ratio, for users who just acted.
                var expected = options.RecommendPerEvent * batch.Length;
                var count = (int)expected + (random.NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
                for (var i = 0; i < count; i++)
                {
                    var user = batch[random.Next(batch.Length)].UserId;
                    await TimeAsync(Recommendations, _clock.Elapsed, 1, measured, () => target.RecommendAsync(user, options.K, cancellationToken)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            slot?.Release();
        }
    }

    private async Task<bool> TimeAsync(OperationRecorder recorder, TimeSpan due, int units, bool measured, Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
            recorder.RecordSuccess(_clock.Elapsed - due, units);
            return true;
        }
        catch (OperationCanceledException) when (_clock.Elapsed >= options.Warmup + options.Duration)
        {
            return false;
        }
        catch (Exception ex)
        {
            recorder.RecordError(ex is LoadOperationException failure ? failure.Kind : ex.GetType().Name, measured);
            return false;
        }
    }

    private async Task SampleEverySecondAsync(TimeSpan total, Action<LoadRunner, TimelinePoint, TimelinePoint> onSecond, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = TimeSpan.Zero;
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

        void Sample()
        {
            var now = _clock.Elapsed;
            var seconds = (now - last).TotalSeconds;
            if (seconds <= 0)
            {
                return;
            }

            // An interval counts as measured when it ends after the warm-up and not after the run's end.
            // The timer may tick a hair early, so allow a small tolerance at both edges.
            var tolerance = TimeSpan.FromMilliseconds(100);
            var measured = last >= options.Warmup - tolerance && last < total - tolerance;
            MeasuredSeconds += measured ? seconds : 0;
            var events = Events.CloseInterval(now.TotalSeconds, seconds, measured);
            var recommendations = Recommendations.CloseInterval(now.TotalSeconds, seconds, measured);
            last = now;
            onSecond(this, events, recommendations);
        }
    }
}
