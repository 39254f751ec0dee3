using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Core.Interest;
using Seed.Core.Numerics;
using Seed.Grains.Catalog;

namespace Seed.Grains.Users;

/// <summary>
/// One user's interest state. Events flow in, the grain asks the encoder pool and the catalog for embeddings,
/// updates its LSTM and interest vectors, and answers ranking requests by querying the catalog tier.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", "users")] IPersistentState<UserGrainState> state,
    InterestModelProvider interestModel,
    IOptions<UserOptions> userOptions,
    IOptions<InterestOptions> interestOptions,
    IOptions<CatalogOptions> catalogOptions,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly HashSet<string> _recentEventIds = new(StringComparer.Ordinal);
    private UserInterestState _interest = null!;

    private InterestTracker Tracker => interestModel.Tracker;

    private UserGrainState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _interest = AttachInterestState();
        _recentEventIds.UnionWith(State.RecentEventIds);
        return Task.CompletedTask;
    }

    public async Task<EventBatchResult> ApplyEventsAsync(IReadOnlyList<UserEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var fresh = new List<UserEvent>(events.Count);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        foreach (var userEvent in events)
        {
            if (!_recentEventIds.Contains(userEvent.EventId) && inBatch.Add(userEvent.EventId))
            {
                fresh.Add(userEvent);
            }
        }

        var duplicates = events.Count - fresh.Count;
        if (fresh.Count == 0)
        {
            return Result(applied: 0, duplicates, late: 0);
        }

        // Stable sort: same-timestamp events keep the client's order.
        fresh = [.. fresh.OrderBy(e => e.Timestamp)];

        // All awaits happen before the state is touched, so a failed lookup leaves the user exactly as it was.
        var embeddings = await ResolveEmbeddingsAsync(fresh);

        var late = 0;
        var positiveItems = new List<string>();
        for (var i = 0; i < fresh.Count; i++)
        {
            var userEvent = fresh[i];
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
        State.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory now holds events that storage does not. Drop this activation so the next call reloads the
            // last persisted state; the client's retry (same event ids) then applies the batch again, not zero times.
            DeactivateOnIdle();
            throw;
        }

        ReportInteractions(positiveItems);
        return Result(fresh.Count, duplicates, late);
    }

    public async Task<RecommendationResult> RecommendAsync(RecommendationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        var items = await GrainFactory.GetGrain<ICatalogGrain>(0).TopKAsync(query);
        return new RecommendationResult
        {
            UserId = this.GetPrimaryKeyString(),
            Strategy = personalized ? "personalized" : "popularity",
            Items = items,
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
        await state.ClearStateAsync();
        state.State = new UserGrainState();
        _recentEventIds.Clear();
        _interest = AttachInterestState();
        DeactivateOnIdle();
        logger.LogInformation("User {UserId} erased", this.GetPrimaryKeyString());
        return existed;
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
            foreach (var key in State.CategoryAffinities.Keys.ToList())
            {
                State.CategoryAffinities[key] *= decay;
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

    private void RememberEventId(string eventId)
    {
        _recentEventIds.Add(eventId);
        State.RecentEventIds.Add(eventId);
        var overflow = State.RecentEventIds.Count - userOptions.Value.EventIdWindow;
        if (overflow > 0)
        {
            foreach (var expired in State.RecentEventIds.Take(overflow))
            {
                _recentEventIds.Remove(expired);
            }

            State.RecentEventIds.RemoveRange(0, overflow);
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
