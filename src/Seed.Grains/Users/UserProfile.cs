using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Models;
using Seed.Abstractions.Users;
using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Core.Numerics;
using Seed.Storage;

namespace Seed.Grains.Users;

/// <summary>
/// One user's state and what events do to it: the idempotency window, the LSTM and interest vectors (through the
/// shared <see cref="InterestTracker"/>), category affinities and recently touched items, and the catalog query
/// and summaries built from them. Plain class over the persisted <see cref="UserGrainState"/>, whose arrays it
/// updates in place; the user grain adds the event log, the catalog calls and snapshots. Not thread-safe.
/// </summary>
public sealed class UserProfile
{
    private readonly InterestTracker _tracker;
    private readonly UserOptions _options;
    private readonly EventIdWindow _eventIds;
    private readonly CategoryAffinities _affinities;
    private readonly UserInterestState _interest;
    private readonly SharedStrings _sharedStrings;

    /// <summary>The user's recent likes for the model's co-like term; null when the model has none.</summary>
    private readonly RecentLikes? _likes;

    /// <param name="sharedStrings">The silo's pool of item ids and category names: the state keeps its instances.</param>
    public UserProfile(UserGrainState state, InterestTracker tracker, UserOptions options, SharedStrings sharedStrings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sharedStrings);
        State = state;
        _tracker = tracker;
        _options = options;
        _sharedStrings = sharedStrings;
        _interest = AttachInterestState(state, tracker);
        ShareStoredStrings(state, sharedStrings);
        _affinities = new CategoryAffinities(state.CategoryAffinities, tracker.LongTermHalfLife, options.MaxCategoryAffinities, sharedStrings);
        _likes = tracker.CoLike.IsEnabled ? new RecentLikes(state.RecentLikedItemIds, tracker.CoLike.Window) : null;
        _eventIds = new EventIdWindow(options.EventIdWindow);
        // Older snapshots hold the window as ids (a list, later one packed string); each form leaves the others empty.
        foreach (var eventId in state.RecentEventIds.Concat(PackedIds.Unpack(state.PackedRecentEventIds)))
        {
            _eventIds.Add(eventId);
        }

        _eventIds.AddFrom(state.RecentEventIdFingerprints, state.RecentEventIdOldest);
        // The window lives here from now on; the state gets a copy only for the write of a snapshot.
        ClearEventIdsInState();
    }

    /// <summary>The persisted state this profile updates.</summary>
    public UserGrainState State { get; }

    /// <summary>
    /// The events not applied yet (by event id, against the window and earlier events of the same batch), in the
    /// order they will be applied: by timestamp, same-timestamp events in the client's order (a stable sort, which
    /// the log keeps, so a replay applies them exactly as the live call).
    /// </summary>
    public List<UserEvent> SelectNew(IReadOnlyList<UserEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var fresh = new List<UserEvent>(events.Count);
        // Most calls carry one event: no set is needed to find repeats within the batch then.
        var inBatch = events.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        // Indexed, not foreach: an enumerator of the interface is one more allocation per call.
        for (var i = 0; i < events.Count; i++)
        {
            var userEvent = events[i];
            if (!_eventIds.Contains(userEvent.EventId) && (inBatch?.Add(userEvent.EventId) ?? true))
            {
                fresh.Add(userEvent);
            }
        }

        return fresh.Count > 1 ? [.. fresh.OrderBy(e => e.Timestamp)] : fresh;
    }

    /// <summary>Remembers an id without applying its event (the log already held it).</summary>
    public void RememberEventId(string eventId) => _eventIds.Add(eventId);

    /// <summary>
    /// Applies resolved events in order: the one code path for live batches and log replay. Returns how many were
    /// late (older than the user's latest event), the items of positive events (live popularity) and the co-like
    /// pairs those likes made (the model's live co-like counts), one run per like with its item first.
    /// </summary>
    public (int Late, List<string> PositiveItems, List<CoLikeRun> CoLikes) Apply(IReadOnlyList<UserEvent> events, IReadOnlyList<ResolvedEvent> resolved)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(resolved);
        var late = 0;
        var positiveItems = new List<string>(events.Count);
        var coLikes = new List<CoLikeRun>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var userEvent = events[i];
            var previousTime = _interest.LastEventTime;
            var applied = _tracker.Apply(_interest, resolved[i].Embedding, userEvent.Type, userEvent.Rating, userEvent.Timestamp);
            late += applied.WasLate ? 1 : 0;
            _affinities.Add(resolved[i].Categories, applied.Weight, previousTime, userEvent.Timestamp);
            if (userEvent.ItemId is not null)
            {
                var itemId = _sharedStrings.Share(userEvent.ItemId);
                RememberItem(itemId);
                if (applied.Weight > 0)
                {
                    positiveItems.Add(itemId);
                    if (_likes?.Add(itemId) is { Length: > 0 } others)
                    {
                        coLikes.Add(new CoLikeRun(itemId, others));
                    }
                }
            }

            _eventIds.Add(userEvent.EventId);
        }

        // The vectors are shared with the state by reference; only the scalars need copying back.
        State.EventCount = _interest.EventCount;
        State.LastEventTime = _interest.LastEventTime;
        return (late, positiveItems, coLikes);
    }

    /// <summary>
    /// Puts the idempotency window in the state, as fingerprints, for the write of a snapshot (then
    /// <see cref="ClearEventIdsInState"/>). Only a volatile log needs it (it forgets on a crash); set once per snapshot
    /// rather than kept in the state event by event (an O(window) shift each).
    /// </summary>
    public void CopyEventIdsToState()
    {
        ClearEventIdsInState();
        (State.RecentEventIdFingerprints, State.RecentEventIdOldest) = _eventIds.ToRing();
    }

    /// <summary>
    /// Empties every form of the window in the state: once a snapshot is written the state must not hold on to it (a
    /// full window's is the window's own ring, which changes with the next event).
    /// </summary>
    public void ClearEventIdsInState()
    {
        State.RecentEventIds.Clear();
        State.PackedRecentEventIds = "";
        State.RecentEventIdFingerprints = [];
        State.RecentEventIdOldest = 0;
    }

    /// <summary>The items the co-like query is built from, most recent first (empty when the model has no co-like term).</summary>
    public IReadOnlyList<string> RecentLikedItems => _likes?.Items ?? [];

    /// <summary>
    /// The catalog query for a request: the interest query when the user has signal, else popularity order.
    /// <paramref name="likeCounts"/> holds the live like count of each of <see cref="RecentLikedItems"/>, in order
    /// (from their shards), for the co-like weights; empty leaves the co-like term out.
    /// </summary>
    public (CatalogQuery Query, RecommendationStrategy Strategy) BuildQuery(RecommendationRequest request, IReadOnlyList<double> likeCounts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(likeCounts);
        var vector = new float[_tracker.ItemTower.OutputDim];
        var personalized = _tracker.ComputeQuery(_interest, vector);
        var query = new CatalogQuery
        {
            Vector = personalized ? vector : [],
            K = request.K,
            ExcludeItemIds = request.ExcludeSeen ? State.RecentItemIds : [],
            IncludeCategories = request.IncludeCategories,
            ExcludeCategories = request.ExcludeCategories,
            DiversityLambda = personalized ? request.DiversityLambda : null,
            CoLikeWeights = personalized ? CoLikeWeights(likeCounts) : [],
        };
        return (query, personalized ? RecommendationStrategy.Personalized : RecommendationStrategy.Popularity);
    }

    /// <summary>The weighted likes of the co-like query; none when the model has no co-like term or the counts are missing.</summary>
    private CoLikeWeight[] CoLikeWeights(IReadOnlyList<double> likeCounts) =>
        _likes is null || likeCounts.Count != _likes.Items.Count ? [] : _tracker.CoLike.QueryWeights(_likes.Items, likeCounts);

    public UserSummary Summarize(string userId, InterestModelMode modelMode) => new()
    {
        UserId = userId,
        EventCount = State.EventCount,
        LastEventTime = State.LastEventTime,
        RecentItemIds = Enumerable.Reverse(State.RecentItemIds).ToList(),
        CategoryAffinities = State.CategoryAffinities
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new LabelScore { Label = pair.Key, Kind = LabelKind.Category, Score = pair.Value })
            .ToList(),
        Version = State.Version,
        ModelMode = modelMode,
    };

    /// <summary>The <paramref name="top"/> categories and tags whose centroids are closest to the long- and short-term vectors.</summary>
    public InterestProfile DescribeInterests(string userId, IReadOnlyList<LabelVectorSum> centroids, int top, InterestModelMode modelMode)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        var longTerm = _interest.LongTerm.ToArray();
        VectorOps.NormalizeInPlace(longTerm);
        var shortTerm = new float[_tracker.EmbeddingDim];
        _tracker.ShortTerm(_interest, shortTerm);
        var minItems = _options.MinItemsPerInterestLabel;
        return new InterestProfile
        {
            UserId = userId,
            LongTermCategories = Closest(centroids, longTerm, LabelKind.Category, top, minItems),
            LongTermTags = Closest(centroids, longTerm, LabelKind.Tag, top, minItems),
            ShortTermCategories = Closest(centroids, shortTerm, LabelKind.Category, top, minItems),
            ShortTermTags = Closest(centroids, shortTerm, LabelKind.Tag, top, minItems),
            ModelMode = modelMode,
        };
    }

    /// <summary>
    /// Wraps the persisted arrays in the tracker's state object without copying. Arrays of the wrong size (new
    /// user, or a model of another shape deployed since) are reset: stale LSTM state from another model is noise.
    /// A short-term vector from a snapshot written when it was still stored with an LSTM is dropped the same way:
    /// the tracker derives it from the hidden state.
    /// </summary>
    private static UserInterestState AttachInterestState(UserGrainState state, InterestTracker tracker)
    {
        var fresh = tracker.CreateState();
        if (state.Hidden.Length != fresh.Hidden.Length || state.Cell.Length != fresh.Cell.Length)
        {
            state.Hidden = fresh.Hidden;
            state.Cell = fresh.Cell;
        }

        if (state.ShortTerm.Length != fresh.ShortTerm.Length)
        {
            state.ShortTerm = fresh.ShortTerm;
        }

        if (state.LongTerm.Length != fresh.LongTerm.Length)
        {
            state.LongTerm = fresh.LongTerm;
        }

        return new UserInterestState(state.Hidden, state.Cell, state.ShortTerm, state.LongTerm, state.EventCount, state.LastEventTime);
    }

    /// <summary>
    /// A state read from storage holds its own copies of item ids and category names; swapped for the pooled ones so
    /// a reactivated user costs what a live one does.
    /// </summary>
    private static void ShareStoredStrings(UserGrainState state, SharedStrings sharedStrings)
    {
        sharedStrings.ShareAll(state.RecentItemIds);
        sharedStrings.ShareAll(state.RecentLikedItemIds);
        if (state.CategoryAffinities.Count > 0)
        {
            state.CategoryAffinities = state.CategoryAffinities.ToDictionary(pair => sharedStrings.Share(pair.Key), pair => pair.Value, StringComparer.Ordinal);
        }
    }

    private void RememberItem(string itemId)
    {
        State.RecentItemIds.Remove(itemId);
        State.RecentItemIds.Add(itemId);
        var overflow = State.RecentItemIds.Count - _options.RecentItemCount;
        if (overflow > 0)
        {
            State.RecentItemIds.RemoveRange(0, overflow);
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
}
