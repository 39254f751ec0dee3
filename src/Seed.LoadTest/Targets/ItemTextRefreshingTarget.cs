using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Targets;

/// <summary>
/// Keeps a replay's item texts current (data sets whose items are described by their earlier reviews,
/// <see cref="ReplayWorkload.ItemUpdates"/>): before a request whose first event happened at t is sent, every item update
/// due before t is upserted, in time order, and the request waits until those upserts are done, so its events are
/// embedded with the item texts of the moment. Requests run concurrently, so one already in flight may see an update
/// that is later than its own events; a load test measures throughput, and the offline replay
/// (<c>Seed.Evaluation</c>) is where the strict order is kept. Upsert time counts in the waiting requests' latency.
/// </summary>
public sealed class ItemTextRefreshingTarget(ILoadTarget inner, IReadOnlyList<ItemUpdate> updates) : ILoadTarget
{
    private readonly Lock _gate = new();
    private Task _upserts = Task.CompletedTask;
    private int _next;
    private long _calls;
    private long _items;
    private long _failures;

    public string Name => inner.Name;

    /// <summary>Upsert calls made so far.</summary>
    public long UpsertCalls => Interlocked.Read(ref _calls);

    /// <summary>Items upserted so far (one item counts once per text change).</summary>
    public long ItemsUpserted => Interlocked.Read(ref _items);

    /// <summary>Upsert calls that failed (the replay goes on with the old texts).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>What the first failed upsert said, for the run summary.</summary>
    public string? FirstFailure { get; private set; }

    public Task<IReadOnlyList<string>> FindMissingItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken) =>
        inner.FindMissingItemsAsync(itemIds, cancellationToken);

    public Task UpsertItemsAsync(IReadOnlyList<LoadItem> items, CancellationToken cancellationToken) => inner.UpsertItemsAsync(items, cancellationToken);

    public async Task SendEventsAsync(IReadOnlyList<LoadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        Task due;
        lock (_gate)
        {
            var moment = events.Count > 0 ? events[0].Timestamp : DateTimeOffset.MinValue;
            var items = new List<LoadItem>();
            while (_next < updates.Count && updates[_next].After < moment)
            {
                items.AddRange(updates[_next++].Items);
            }

            if (items.Count > 0)
            {
                // Several review days at once can change one item twice: only its latest text is sent (the API refuses
                // a batch naming an id twice). Chained, so two texts of one item can never arrive out of order.
                var latest = items.GroupBy(item => item.Id, StringComparer.Ordinal).Select(group => group.Last()).ToList();
                _upserts = UpsertAfterAsync(_upserts, latest, cancellationToken);
            }

            due = _upserts;
        }

        await due;
        await inner.SendEventsAsync(events, cancellationToken);
    }

    public Task<IReadOnlyList<string>> RecommendAsync(string userId, int k, CancellationToken cancellationToken) => inner.RecommendAsync(userId, k, cancellationToken);

    public Task GetUserSummaryAsync(string userId, CancellationToken cancellationToken) => inner.GetUserSummaryAsync(userId, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async Task UpsertAfterAsync(Task previous, List<LoadItem> items, CancellationToken cancellationToken)
    {
        await previous;
        try
        {
            await inner.UpsertItemsAsync(items, cancellationToken);
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _items, items.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One failed refresh must not fail every later request of the run; it is counted and reported.
            if (Interlocked.Increment(ref _failures) == 1)
            {
                FirstFailure = ex is LoadOperationException failure ? $"{failure.Kind}: {failure.Message}" : $"{ex.GetType().Name}: {ex.Message}";
            }
        }
    }
}
