using System.Collections.Concurrent;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Tests;

/// <summary>
/// A target that records when each event's request and each recommendation request started and finished, completing
/// after a random delay. Its recommendations are the first k items of a fixed ranking; with <see cref="HidesSeenItems"/>
/// (the real API's default) the items a user has had an event on are left out, without it they stay in.
/// </summary>
public sealed class RecordingTarget(int seed) : ILoadTarget
{
    private static readonly string[] Ranking = [.. Enumerable.Range(0, 1000).Select(i => "r" + i)];

    private readonly Random _random = new(seed);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _seenByUser = new(StringComparer.Ordinal);
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
        foreach (var e in events.Where(e => e.ItemId is not null))
        {
            _seenByUser.GetOrAdd(e.UserId, _ => new(StringComparer.Ordinal))[e.ItemId!] = true;
        }

        var finished = Interlocked.Increment(ref _clock);
        foreach (var e in events)
        {
            Sent.Enqueue((e.EventId, e.UserId, started, finished));
            SentEvents.Enqueue(e);
        }
    }

    /// <summary>Every event as it was sent.</summary>
    public ConcurrentQueue<LoadEvent> SentEvents { get; } = new();

    /// <summary>When each recommendation request started and finished, on the same clock as <see cref="Sent"/>, and its answer.</summary>
    public ConcurrentQueue<(string UserId, long Started, long Finished, IReadOnlyList<string> Items)> Read { get; } = new();

    /// <summary>Leave a user's seen items out of their recommendations, as the API does by default.</summary>
    public bool HidesSeenItems { get; init; } = true;

    public int Recommendations => _recommendations;

    public async Task<IReadOnlyList<string>> RecommendAsync(string userId, int k, CancellationToken cancellationToken)
    {
        var started = Interlocked.Increment(ref _clock);
        Interlocked.Increment(ref _recommendations);
        await Task.Yield();
        var seen = _seenByUser.TryGetValue(userId, out var items) && HidesSeenItems ? items : null;
        IReadOnlyList<string> answer = [.. Ranking.Where(item => seen is null || !seen.ContainsKey(item)).Take(k)];
        Read.Enqueue((userId, started, Interlocked.Increment(ref _clock), answer));
        return answer;
    }

    public int Summaries => _summaries;

    public async Task GetUserSummaryAsync(string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _summaries);
        await Task.Yield();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
