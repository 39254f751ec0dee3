using System.Collections.Concurrent;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Tests;

/// <summary>A target that records when each event's request started and finished, completing after a random delay.</summary>
public sealed class RecordingTarget(int seed) : ILoadTarget
{
    private readonly Random _random = new(seed);
    private long _clock;
    private int _recommendations;
    private int _summaries;

    public ConcurrentQueue<(string EventId, string UserId, long Started, long Finished)> Sent { get; } = new();

    public string Name => "recording";

    public Task<IReadOnlyList<string>> FindMissingItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>An upsert returns only once this many events were sent: a bulk upsert the load overlaps.</summary>
    public int EventsBeforeUpsertReturns { get; init; }

    public int ItemsUpserted { get; private set; }

    public async Task UpsertItemsAsync(IReadOnlyList<LoadItem> items, CancellationToken cancellationToken)
    {
        while (Sent.Count < EventsBeforeUpsertReturns)
        {
            await Task.Delay(5, cancellationToken);
        }

        ItemsUpserted += items.Count;
    }

    public async Task SendEventsAsync(IReadOnlyList<LoadEvent> events, CancellationToken cancellationToken)
    {
        var started = Interlocked.Increment(ref _clock);
        int delay;
        lock (_random)
        {
            delay = _random.Next(0, 3);
        }

        // Random completion order: a later request often finishes before an earlier one of another user.
        await Task.Delay(delay, cancellationToken);
        var finished = Interlocked.Increment(ref _clock);
        foreach (var e in events)
        {
            Sent.Enqueue((e.EventId, e.UserId, started, finished));
        }
    }

    public int Recommendations => _recommendations;

    public async Task RecommendAsync(string userId, int k, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _recommendations);
        await Task.Yield();
    }

    public int Summaries => _summaries;

    public async Task GetUserSummaryAsync(string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _summaries);
        await Task.Yield();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
