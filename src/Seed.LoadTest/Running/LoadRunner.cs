using System.Diagnostics;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Running;

/// <summary>
/// Drives the load. Open loop: operations are due at a constant rate and each latency is measured from the moment
/// the operation was due, not from when it was sent, so a slow server cannot hide its queueing delay (no coordinated
/// omission). Closed loop: a fixed number of callers send back to back, to find the maximum throughput. A replay
/// (<see cref="IEventSource.KeepsUserOrder"/>) sends a request only after the user's earlier requests completed, and
/// ends early when the data set runs out.
/// </summary>
public sealed class LoadRunner(LoadTestOptions options, ILoadTarget target, IEventSource source)
{
    private readonly Stopwatch _clock = new();
    private readonly PerUserSequencer _sequencer = new();
    private readonly Lock _dispatch = new();

    public OperationRecorder Events { get; } = new("event");

    public OperationRecorder Recommendations { get; } = new("recommend");

    /// <summary>
    /// Open loop: how late the harness itself sent each request (send time minus due time, slot wait included). Part
    /// of every latency it reports, so this separates the client's own scheduling delay from the server's.
    /// </summary>
    public OperationRecorder SendLag { get; } = new("send-lag");

    /// <summary>User-summary reads of a --summary-only run: the latency floor the recommendations are compared with.</summary>
    public OperationRecorder Summaries { get; } = new("summary");

    /// <summary>
    /// --event-then-recommend: each whole round trip, from the event's due time to the recommendations' arrival. Its
    /// legs are in <see cref="Events"/> (from the due time) and <see cref="Recommendations"/> (from the event's answer).
    /// </summary>
    public OperationRecorder RoundTrips { get; } = new("round-trip");

    /// <summary>--event-then-recommend: whether each round trip's event was visible in the list read right after it.</summary>
    public VisibilityTracker Visibility { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Seconds covered by measured intervals: the denominator of every reported throughput.</summary>
    public double MeasuredSeconds { get; private set; }

    public bool InWarmup => _clock.Elapsed < options.Warmup;

    private string? _phase;

    /// <summary>
    /// The part of the measured run operations started now belong to (<see cref="UpsertDuringLoad"/> sets it), or
    /// null: their latencies are then also kept per phase, so one run compares load during a bulk upsert with after it.
    /// </summary>
    public string? Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    public async Task RunAsync(Action<LoadRunner, TimelinePoint, TimelinePoint> onSecond, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var total = options.Warmup + options.Duration;
        _clock.Start();
        var sampler = SampleEverySecondAsync(total, onSecond, stop.Token);
        var load = options.MaxThroughput ? ClosedLoopAsync(total, stop.Token) : OpenLoopAsync(total, options.Rate, stop.Token);
        await load;
        await stop.CancelAsync();
        await sampler;
    }

    private async Task OpenLoopAsync(TimeSpan total, double? eventsPerSecond, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        // The pacer has a thread of its own and sleeps in the kernel until each due time (PreciseClock): Task.Delay
        // would wake a timer thread that then queues the continuation to the thread pool, two scheduling hops whose
        // lateness (measured: p99 6.7 ms, max 22 ms on the 2-core VM under load) every latency would carry.
        var running = await Task.Factory.StartNew(
            () => Pace(total, eventsPerSecond, inFlight, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private List<Task> Pace(TimeSpan total, double? eventsPerSecond, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        long sentEvents = 0;
        while (!cancellationToken.IsCancellationRequested && source.TryNext(Random.Shared, out var batch, out var sourceDue))
        {
            // Constant rate: request n is due when the events before it have been offered at the rate.
            var due = sourceDue ?? TimeSpan.FromSeconds(sentEvents / eventsPerSecond!.Value);
            if (due >= total)
            {
                break;
            }

            if (!PreciseClock.WaitUntil(_clock, due, cancellationToken))
            {
                break; // cancelled while waiting
            }

            // The cap on requests in flight bounds client memory; the wait for a slot still counts in the latency.
            try
            {
                inFlight.Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            SendLag.RecordSuccess(_clock.Elapsed - due, 1);
            running.Add(Dispatch(batch, due, inFlight, cancellationToken));
            sentEvents += options.ReadsOnly ? 1 : batch.Length; // --rate counts requests when only reading
            if (running.Count > 4096)
            {
                running.RemoveAll(task => task.IsCompleted);
            }
        }

        return running;
    }

    private async Task ClosedLoopAsync(TimeSpan total, CancellationToken cancellationToken)
    {
        var callers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            await Task.Yield();
            while (_clock.Elapsed < total && !cancellationToken.IsCancellationRequested)
            {
                Task next;
                lock (_dispatch)
                {
                    // Taking a request and registering its place in its users' order must be one step.
                    if (!source.TryNext(Random.Shared, out var batch, out TimeSpan? _))
                    {
                        return;
                    }

                    next = Dispatch(batch, _clock.Elapsed, null, cancellationToken);
                }

                await next.ConfigureAwait(false);
            }
        });
        await Task.WhenAll(callers).ConfigureAwait(false);
    }

    // A round trip reads the list its user's previous one left, so one user's round trips must not overlap either.
    private Task Dispatch(LoadEvent[] batch, TimeSpan due, SemaphoreSlim? slot, CancellationToken cancellationToken) =>
        source.KeepsUserOrder || options.EventThenRecommend
            ? _sequencer.Enqueue(batch.Select(e => e.UserId), () => RunOneAsync(batch, due, slot, cancellationToken))
            : RunOneAsync(batch, due, slot, cancellationToken);

    private async Task RunOneAsync(LoadEvent[] batch, TimeSpan due, SemaphoreSlim? slot, CancellationToken cancellationToken)
    {
        try
        {
            // Random.Shared is thread-safe; --seed fixes the catalog, while the event stream may differ between runs.
            var random = Random.Shared;
            var measured = !InWarmup;
            if (options.ReadsOnly)
            {
                // One read per drawn user: a recommendation, or with --summary-only the no-work floor.
                var user = batch[0].UserId;
                await (options.SummaryOnly
                    ? TimeAsync(Summaries, due, 1, measured, () => target.GetUserSummaryAsync(user, cancellationToken))
                    : TimeAsync(Recommendations, due, 1, measured, () => target.RecommendAsync(user, options.K, cancellationToken))).ConfigureAwait(false);
                return;
            }

            if (options.EventThenRecommend)
            {
                await EventThenRecommendAsync(batch[0], due, measured, cancellationToken).ConfigureAwait(false);
                return;
            }

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

    /// <summary>One event for a user, then at once that user's recommendations: timed whole and by leg, and checked.</summary>
    private async Task EventThenRecommendAsync(LoadEvent drawn, TimeSpan due, bool measured, CancellationToken cancellationToken)
    {
        var (sent, mustDisappear) = Visibility.EventFor(drawn);
        var user = drawn.UserId;
        var leg = Events;
        try
        {
            await target.SendEventsAsync([sent], cancellationToken).ConfigureAwait(false);
            var eventDone = _clock.Elapsed;
            leg = Recommendations;
            var list = await target.RecommendAsync(user, options.K, cancellationToken).ConfigureAwait(false);
            var done = _clock.Elapsed;
            // The legs are recorded with the whole, so that all three describe the same round trips in every interval.
            Events.RecordSuccess(eventDone - due, 1);
            Recommendations.RecordSuccess(done - eventDone, 1);
            RoundTrips.RecordSuccess(done - due, 1);
            if (Visibility.Observe(user, mustDisappear, list, measured) is false)
            {
                // Counted as an error of the round trip, so the run's exit code and error column show it.
                RoundTrips.RecordError("not-visible", measured);
            }
        }
        catch (Exception ex)
        {
            Visibility.Forget(user);
            CountFailure(leg, ex, measured);
        }
    }

    private async Task<bool> TimeAsync(OperationRecorder recorder, TimeSpan due, int units, bool measured, Func<Task> operation)
    {
        var phase = measured ? Phase : null;
        try
        {
            await operation().ConfigureAwait(false);
            recorder.RecordSuccess(_clock.Elapsed - due, units, phase);
            return true;
        }
        catch (Exception ex)
        {
            CountFailure(recorder, ex, measured);
            return false;
        }
    }

    /// <summary>Counts a failed call by its kind; a call cancelled because the run is over is no failure.</summary>
    private void CountFailure(OperationRecorder recorder, Exception failure, bool measured)
    {
        if (failure is OperationCanceledException && _clock.Elapsed >= options.Warmup + options.Duration)
        {
            return;
        }

        recorder.RecordError(failure is LoadOperationException known ? known.Kind : failure.GetType().Name, measured);
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
            var summaries = Summaries.CloseInterval(now.TotalSeconds, seconds, measured);
            RoundTrips.CloseInterval(now.TotalSeconds, seconds, measured);
            SendLag.CloseInterval(now.TotalSeconds, seconds, measured);
            last = now;
            // Progress shows the run's read operation in its read columns.
            onSecond(this, events, options.SummaryOnly ? summaries : recommendations);
        }
    }
}
