using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Core.Interest;
using Seed.Core.Numerics;
using Seed.Grains.Catalog;
using Seed.Grains.Durability;

namespace Seed.Grains.Users;

/// <summary>
/// One user's interest state. Events flow in, the grain asks the encoder pool and the catalog for embeddings,
/// updates its LSTM and interest vectors, and answers ranking requests by querying the catalog tier.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", "users")] IPersistentState<UserGrainState> state,
    InterestModelProvider interestModel,
    IEventLog eventLog,
    IOptions<UserOptions> userOptions,
    IOptions<InterestOptions> interestOptions,
    IOptions<CatalogOptions> catalogOptions,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>Events resolved per catalog/encoder round trip while replaying the log on activation.</summary>
    private const int ReplayChunkSize = 256;

    private readonly HashSet<string> _recentEventIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentEventOrder = new();
    private UserInterestState _interest = null!;

    /// <summary>Applied events the stored snapshot does not reflect yet (they are in the log).</summary>
    private int _eventsSinceSnapshot;

    /// <summary>
    /// One-shot timer armed by the first event after a snapshot: an idle user costs no timer ticks, and a user with
    /// fewer than SnapshotEveryEvents events still gets a snapshot within SnapshotInterval.
    /// </summary>
    private IGrainTimer _snapshotTimer = null!;

    private bool _snapshotTimerArmed;

    /// <summary>Set when applying a logged batch failed half-way: such a state must never become a snapshot.</summary>
    private bool _stateIsPartial;

    private InterestTracker Tracker => interestModel.Tracker;

    private UserGrainState State => state.State;

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _interest = AttachInterestState();
        foreach (var eventId in State.RecentEventIds)
        {
            RememberEventId(eventId);
        }

        _snapshotTimer = this.RegisterGrainTimer(SnapshotOnTimerAsync, new GrainTimerCreationOptions
        {
            DueTime = Timeout.InfiniteTimeSpan,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
        });
        await ReplayLogAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_eventsSinceSnapshot > 0)
        {
            await TryWriteSnapshotAsync(cancellationToken);
        }
    }

    public async Task<EventBatchResult> ApplyEventsAsync(IReadOnlyList<UserEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var fresh = new List<UserEvent>(events.Count);
        // Most calls carry one event: no set is needed to find repeats within the batch then.
        var inBatch = events.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var userEvent in events)
        {
            if (!_recentEventIds.Contains(userEvent.EventId) && (inBatch?.Add(userEvent.EventId) ?? true))
            {
                fresh.Add(userEvent);
            }
        }

        if (fresh.Count == 0)
        {
            return Result(applied: 0, events.Count, late: 0);
        }

        // Stable sort: same-timestamp events keep the client's order. The log stores them in this order, so a
        // replay applies them exactly as this call does.
        if (fresh.Count > 1)
        {
            fresh = [.. fresh.OrderBy(e => e.Timestamp)];
        }

        // Validation and every lookup happen before the append: a bad event must change nothing, not even the log.
        var embeddings = await ResolveEmbeddingsAsync(fresh);

        // The acknowledgement point: once the log holds the events they are applied, now or by a later replay.
        IReadOnlyList<LoggedEvent> appended;
        try
        {
            appended = await eventLog.AppendAsync(UserId, fresh);
        }
        catch
        {
            // An append can fail after the database committed it (connection lost before the answer). The retry
            // would then find the ids in the log and skip them as duplicates although this activation never
            // applied them, so drop the activation: the next one replays the log from the snapshot, including them.
            DeactivateOnIdle();
            throw;
        }

        if (appended.Count < fresh.Count)
        {
            // The log already held some ids (a retry older than the in-memory window, or a concurrent writer):
            // acknowledged as duplicates and not applied again.
            var newIds = appended.Select(entry => entry.Event.EventId).ToHashSet(StringComparer.Ordinal);
            var kept = new List<(float[], IReadOnlyList<string>)>(appended.Count);
            for (var i = 0; i < fresh.Count; i++)
            {
                if (newIds.Contains(fresh[i].EventId))
                {
                    kept.Add(embeddings[i]);
                }
                else
                {
                    RememberEventId(fresh[i].EventId);
                }
            }

            fresh = appended.Select(entry => entry.Event).ToList();
            embeddings = [.. kept];
        }

        var duplicates = events.Count - fresh.Count;
        if (fresh.Count == 0)
        {
            return Result(applied: 0, duplicates, late: 0);
        }

        int late;
        List<string> positiveItems;
        try
        {
            (late, positiveItems) = ApplyResolved(fresh, embeddings);
        }
        catch
        {
            // The log holds events this activation failed to apply; a fresh activation replays them from the last
            // snapshot, so the half-applied state here is not written, not even on deactivation.
            _stateIsPartial = true;
            DeactivateOnIdle();
            throw;
        }

        State.LogPosition = Math.Max(State.LogPosition, appended[^1].Position);
        State.Version++;
        _eventsSinceSnapshot += fresh.Count;
        // Both logs: the append above is the acknowledgement point, so the snapshot only bounds how much a
        // reactivation replays and is written every N events, by timer and on deactivation, not per batch. Writing
        // the whole state (with the volatile log's id window) per batch was 94-96% of the event path
        // (docs/PERFORMANCE.md); what the volatile log gives up by it is described in docs/ARCHITECTURE.md.
        if (_eventsSinceSnapshot >= userOptions.Value.SnapshotEveryEvents)
        {
            await TryWriteSnapshotAsync(CancellationToken.None);
        }
        else
        {
            ArmSnapshotTimer();
        }

        ReportInteractions(positiveItems);
        return Result(fresh.Count, duplicates, late);
    }

    public async Task<RecommendationResult> RecommendAsync(RecommendationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, personalized) = BuildQuery(request);
        var items = await CatalogSharding.TopKInShardsAsync(GrainFactory, query, catalogOptions.Value);
        return new RecommendationResult
        {
            UserId = UserId,
            Strategy = StrategyName(personalized),
            Items = items,
            EventCount = State.EventCount,
        };
    }

    public async Task<ItemRankResult> RankItemAsync(string itemId, RecommendationRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        ArgumentNullException.ThrowIfNull(request);
        // Ranks in relevance order: diversification reorders a short list and has no full-catalog rank.
        var (query, personalized) = BuildQuery(request with { DiversityLambda = null });
        var rank = await GrainFactory.GetGrain<ICatalogGrain>(0).RankAsync(query, itemId);
        return new ItemRankResult
        {
            UserId = UserId,
            Strategy = StrategyName(personalized),
            Item = rank,
            EventCount = State.EventCount,
        };
    }

    public Task<UserSummary> GetSummaryAsync() => Task.FromResult(new UserSummary
    {
        UserId = this.GetPrimaryKeyString(),
        EventCount = State.EventCount,
        LastEventTime = State.LastEventTime,
        RecentItemIds = Enumerable.Reverse(State.RecentItemIds).ToList(),
        CategoryAffinities = State.CategoryAffinities
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new LabelScore { Label = pair.Key, Kind = LabelKind.Category, Score = pair.Value })
            .ToList(),
        Version = State.Version,
        ModelMode = interestModel.Mode,
    });

    public async Task<InterestProfile> GetInterestsAsync(int top)
    {
        var centroids = await GrainFactory.GetGrain<ICatalogGrain>(0).GetLabelCentroidsAsync();
        var longTerm = _interest.LongTerm.ToArray();
        VectorOps.NormalizeInPlace(longTerm);
        var minItems = userOptions.Value.MinItemsPerInterestLabel;
        return new InterestProfile
        {
            UserId = this.GetPrimaryKeyString(),
            LongTermCategories = Closest(centroids, longTerm, LabelKind.Category, top, minItems),
            LongTermTags = Closest(centroids, longTerm, LabelKind.Tag, top, minItems),
            ShortTermCategories = Closest(centroids, _interest.ShortTerm, LabelKind.Category, top, minItems),
            ShortTermTags = Closest(centroids, _interest.ShortTerm, LabelKind.Tag, top, minItems),
            ModelMode = interestModel.Mode,
        };
    }

    public async Task<bool> EraseAsync()
    {
        var existed = State.EventCount > 0 || State.Version > 0;
        // The log first: a snapshot cleared while the log still held events would be rebuilt by the next replay.
        await eventLog.EraseAsync(UserId);
        await state.ClearStateAsync();
        state.State = new UserGrainState();
        _eventsSinceSnapshot = 0;
        _recentEventIds.Clear();
        _recentEventOrder.Clear();
        _interest = AttachInterestState();
        DeactivateOnIdle();
        logger.LogInformation("User {UserId} erased", this.GetPrimaryKeyString());
        return existed;
    }

    /// <summary>The catalog query for a request: the interest query when the user has signal, else popularity order.</summary>
    private (CatalogQuery Query, bool Personalized) BuildQuery(RecommendationRequest request)
    {
        var vector = new float[Tracker.ItemTower.OutputDim];
        var personalized = Tracker.ComputeQuery(_interest, vector);
        var query = new CatalogQuery
        {
            Vector = personalized ? vector : [],
            K = request.K,
            ExcludeItemIds = request.ExcludeSeen ? State.RecentItemIds : [],
            IncludeCategories = request.IncludeCategories,
            ExcludeCategories = request.ExcludeCategories,
            DiversityLambda = personalized ? request.DiversityLambda : null,
        };
        return (query, personalized);
    }

    private static string StrategyName(bool personalized) => personalized ? "personalized" : "popularity";

    /// <summary>Applies resolved events in order: the one code path for live batches and log replay.</summary>
    private (int Late, List<string> PositiveItems) ApplyResolved(IReadOnlyList<UserEvent> events, (float[] Embedding, IReadOnlyList<string> Categories)[] embeddings)
    {
        var late = 0;
        var positiveItems = new List<string>();
        for (var i = 0; i < events.Count; i++)
        {
            var userEvent = events[i];
            var previousTime = _interest.LastEventTime;
            var (embedding, categories) = embeddings[i];
            var applied = Tracker.Apply(_interest, embedding, (InteractionKind)userEvent.Type, userEvent.Rating, userEvent.Timestamp);
            late += applied.WasLate ? 1 : 0;
            UpdateCategoryAffinities(categories, applied.Weight, previousTime, userEvent.Timestamp);
            if (userEvent.ItemId is not null)
            {
                RememberItem(userEvent.ItemId);
                if (applied.Weight > 0)
                {
                    positiveItems.Add(userEvent.ItemId);
                }
            }

            RememberEventId(userEvent.EventId);
        }

        CopyInterestToState();
        return (late, positiveItems);
    }

    /// <summary>
    /// Brings the snapshot up to date with the log: every logged event after the snapshot's position is applied
    /// through the same code as a live batch, with embeddings looked up again from the catalog and encoder.
    /// </summary>
    private async Task ReplayLogAsync(CancellationToken cancellationToken)
    {
        var pending = await eventLog.ReadAfterAsync(UserId, State.LogPosition, cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        foreach (var chunk in pending.Chunk(ReplayChunkSize))
        {
            var events = chunk.Select(entry => entry.Event).ToList();
            ApplyResolved(events, await ResolveEmbeddingsAsync(events));
            State.LogPosition = chunk[^1].Position;
        }

        State.Version++;
        _eventsSinceSnapshot += pending.Count;
        logger.LogInformation("User {UserId}: replayed {Count} logged events after the snapshot", UserId, pending.Count);
        await TryWriteSnapshotAsync(cancellationToken);
    }

    private void ArmSnapshotTimer()
    {
        if (!_snapshotTimerArmed)
        {
            _snapshotTimer.Change(userOptions.Value.SnapshotInterval, Timeout.InfiniteTimeSpan);
            _snapshotTimerArmed = true;
        }
    }

    private async Task SnapshotOnTimerAsync(CancellationToken cancellationToken)
    {
        _snapshotTimerArmed = false;
        if (_eventsSinceSnapshot > 0)
        {
            await TryWriteSnapshotAsync(cancellationToken);
        }

        if (_eventsSinceSnapshot > 0)
        {
            // The write failed; try again after another interval.
            ArmSnapshotTimer();
        }
    }

    /// <summary>
    /// A snapshot is an optimisation (shorter replays), so a failed write is logged, not surfaced: the events are
    /// already in the log and the next snapshot or activation catches up.
    /// </summary>
    private async Task TryWriteSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_stateIsPartial)
        {
            return;
        }

        try
        {
            if (!eventLog.IsDurable)
            {
                // The volatile log forgets on a crash, so the idempotency window travels with the snapshot; copied
                // here, once per snapshot, rather than kept in the state event by event (an O(window) shift each).
                State.RecentEventIds.Clear();
                State.RecentEventIds.AddRange(_recentEventOrder);
            }

            await state.WriteStateAsync(cancellationToken);
            _eventsSinceSnapshot = 0;
            eventLog.Compact(UserId, State.LogPosition);
        }
        catch (InconsistentStateException ex)
        {
            // Another activation wrote since this one read: reload snapshot + log instead of overwriting it.
            logger.LogWarning(ex, "User {UserId}: snapshot version conflict; deactivating to reload", UserId);
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "User {UserId}: snapshot not written ({Pending} events only in the log)", UserId, _eventsSinceSnapshot);
        }
    }

    /// <summary>
    /// Wraps the persisted arrays in the tracker's state object without copying. Arrays of the wrong size (new
    /// user, or a model of another shape deployed since) are reset: stale LSTM state from another model is noise.
    /// </summary>
    private UserInterestState AttachInterestState()
    {
        var fresh = Tracker.CreateState();
        if (State.Hidden.Length != fresh.Hidden.Length || State.Cell.Length != fresh.Cell.Length)
        {
            State.Hidden = fresh.Hidden;
            State.Cell = fresh.Cell;
        }

        if (State.ShortTerm.Length != fresh.ShortTerm.Length)
        {
            State.ShortTerm = fresh.ShortTerm;
        }

        if (State.LongTerm.Length != fresh.LongTerm.Length)
        {
            State.LongTerm = fresh.LongTerm;
        }

        return new UserInterestState(State.Hidden, State.Cell, State.ShortTerm, State.LongTerm, State.EventCount, State.LastEventTime);
    }

    private void CopyInterestToState()
    {
        // Vectors are shared by reference; only the scalars need copying back.
        State.EventCount = _interest.EventCount;
        State.LastEventTime = _interest.LastEventTime;
    }

    private async Task<(float[] Embedding, IReadOnlyList<string> Categories)[]> ResolveEmbeddingsAsync(List<UserEvent> events)
    {
        var itemIds = events.Where(e => e.ItemId is not null).Select(e => e.ItemId!).Distinct(StringComparer.Ordinal).ToList();
        var texts = events.Where(e => !string.IsNullOrWhiteSpace(e.Text)).Select(e => e.Text!).Distinct(StringComparer.Ordinal).ToList();
        // Straight to the owning shards: the catalog front would add one message hop per batch and route the same way.
        var lookupTask = itemIds.Count > 0
            ? CatalogSharding.LookupInShardsAsync(GrainFactory, itemIds, catalogOptions.Value.ShardCount)
            : Task.FromResult<IReadOnlyList<ItemLookup>>([]);
        var encodeTask = texts.Count > 0
            ? GrainFactory.GetGrain<IEncoderGrain>(0).EncodeAsync(texts)
            : Task.FromResult<float[][]>([]);
        await Task.WhenAll(lookupTask, encodeTask);

        var items = (await lookupTask).ToDictionary(lookup => lookup.ItemId, StringComparer.Ordinal);
        var textVectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var encoded = await encodeTask;
        for (var i = 0; i < texts.Count; i++)
        {
            textVectors[texts[i]] = encoded[i];
        }

        var result = new (float[], IReadOnlyList<string>)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var userEvent = events[i];
            ItemLookup? item = null;
            if (userEvent.ItemId is not null && !(items.TryGetValue(userEvent.ItemId, out item) && item.Found))
            {
                throw new ArgumentException($"Event '{userEvent.EventId}' refers to item '{userEvent.ItemId}', which the catalog does not hold.", nameof(events));
            }

            var textVector = userEvent.Text is not null && textVectors.TryGetValue(userEvent.Text, out var encodedText) ? encodedText : null;
            result[i] = (Combine(item?.Embedding, textVector), item?.Categories ?? []);
        }

        return result;
    }

    /// <summary>An event on an item with text (a review) means both: the direction of their sum, re-normalised.</summary>
    private static float[] Combine(float[]? itemVector, float[]? textVector)
    {
        if (itemVector is null || textVector is null)
        {
            return itemVector ?? textVector ?? throw new InvalidOperationException("An event needs an item or text.");
        }

        var combined = itemVector.ToArray();
        VectorOps.ScaleAndAdd(combined, textVector, 1f);
        VectorOps.NormalizeInPlace(combined);
        return combined;
    }

    private void UpdateCategoryAffinities(IReadOnlyList<string> categories, float weight, DateTimeOffset? previous, DateTimeOffset now)
    {
        if (categories.Count == 0)
        {
            return;
        }

        // Same half-life as the long-term vector, so both views of the user age together.
        var elapsed = previous is null || now <= previous ? TimeSpan.Zero : now - previous.Value;
        var decay = (float)Math.Pow(0.5, elapsed / interestOptions.Value.LongTermHalfLife);
        if (decay < 1f)
        {
            // In place through value references: no copy of the keys per event, and changing values (not keys)
            // does not invalidate the enumeration.
            foreach (var key in State.CategoryAffinities.Keys)
            {
                CollectionsMarshal.GetValueRefOrNullRef(State.CategoryAffinities, key) *= decay;
            }
        }

        foreach (var category in categories)
        {
            var key = category.ToLowerInvariant();
            State.CategoryAffinities[key] = State.CategoryAffinities.GetValueOrDefault(key) + weight;
        }

        var limit = userOptions.Value.MaxCategoryAffinities;
        if (State.CategoryAffinities.Count > limit)
        {
            foreach (var weakest in State.CategoryAffinities.OrderBy(pair => Math.Abs(pair.Value)).Take(State.CategoryAffinities.Count - limit).ToList())
            {
                State.CategoryAffinities.Remove(weakest.Key);
            }
        }
    }

    private void RememberItem(string itemId)
    {
        State.RecentItemIds.Remove(itemId);
        State.RecentItemIds.Add(itemId);
        var overflow = State.RecentItemIds.Count - userOptions.Value.RecentItemCount;
        if (overflow > 0)
        {
            State.RecentItemIds.RemoveRange(0, overflow);
        }
    }

    /// <summary>
    /// The in-memory idempotency window (fast path for retries). With the volatile log a snapshot also stores it
    /// (see <see cref="TryWriteSnapshotAsync"/>); the durable log's unique key is the real dedup there.
    /// </summary>
    private void RememberEventId(string eventId)
    {
        if (!_recentEventIds.Add(eventId))
        {
            return;
        }

        var window = userOptions.Value.EventIdWindow;
        _recentEventOrder.Enqueue(eventId);
        while (_recentEventOrder.Count > window)
        {
            _recentEventIds.Remove(_recentEventOrder.Dequeue());
        }
    }

    private void ReportInteractions(List<string> itemIds)
    {
        foreach (var group in CatalogSharding.GroupByShard(itemIds, catalogOptions.Value.ShardCount))
        {
            // One-way: popularity counting must never slow down or fail the event path.
            _ = GrainFactory.GetGrain<ICatalogShardGrain>(group.Key).RecordInteractionsAsync(group.Value);
        }
    }

    private static List<LabelScore> Closest(IReadOnlyList<LabelVectorSum> centroids, float[] vector, LabelKind kind, int top, int minItems)
    {
        if (top <= 0 || !vector.Any(value => value != 0f))
        {
            return [];
        }

        return centroids
            .Where(centroid => centroid.Kind == kind && centroid.ItemCount >= minItems && centroid.Sum.Length == vector.Length)
            .Select(centroid => new LabelScore { Label = centroid.Label, Kind = kind, Score = VectorOps.Cosine(vector, centroid.Sum) })
            .OrderByDescending(score => score.Score)
            .ThenBy(score => score.Label, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    private EventBatchResult Result(int applied, int duplicates, int late) => new()
    {
        Applied = applied,
        Duplicates = duplicates,
        Late = late,
        EventCount = State.EventCount,
        Version = State.Version,
    };
}
