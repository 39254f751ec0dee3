using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Models;
using Seed.Abstractions.Users;
using Seed.Core.Interest;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary><see cref="UserProfile"/> without a grain: a fallback tracker (identity tower) over 4-d hand-made vectors.</summary>
public sealed class UserProfileTests
{
    private const int Dimension = 4;
    private static readonly DateTimeOffset T0 = new(2024, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly float[] Books = [1f, 0f, 0f, 0f];
    private static readonly float[] Music = [0f, 1f, 0f, 0f];

    [Fact]
    public void SelectNew_drops_ids_seen_before_and_repeats_within_the_batch()
    {
        var profile = NewProfile();
        profile.Apply([Event("seen", T0)], [Resolved(Books)]);
        profile.RememberEventId("logged-elsewhere");

        var fresh = profile.SelectNew([Event("seen", T0), Event("new", T0), Event("logged-elsewhere", T0), Event("new", T0.AddSeconds(1))]);

        var only = Assert.Single(fresh);
        Assert.Equal(("new", T0), (only.EventId, only.Timestamp)); // the first of the repeats is the one kept
        Assert.Empty(profile.SelectNew([Event("seen", T0)]));
    }

    [Fact]
    public void SelectNew_orders_by_timestamp_keeping_the_client_order_of_equal_timestamps()
    {
        var profile = NewProfile();

        var fresh = profile.SelectNew([
            Event("late-1", T0.AddMinutes(5)),
            Event("same-1", T0),
            Event("late-2", T0.AddMinutes(5)),
            Event("same-2", T0),
            Event("first", T0.AddMinutes(-1)),
            Event("same-3", T0),
        ]);

        Assert.Equal(["first", "same-1", "same-2", "same-3", "late-1", "late-2"], fresh.Select(e => e.EventId));
    }

    [Fact]
    public void A_profile_restores_its_idempotency_window_from_the_state()
    {
        var state = new UserGrainState { RecentEventIdFingerprints = WindowBytes("a", "b") };

        var profile = NewProfile(state);

        Assert.Equal(["c"], profile.SelectNew([Event("a", T0), Event("b", T0), Event("c", T0)]).Select(e => e.EventId));
        Assert.Empty(state.RecentEventIdFingerprints); // the profile holds the window; the state gets it back for a snapshot
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_profile_restores_the_window_of_a_snapshot_that_stored_the_ids_themselves(bool packed)
    {
        var state = packed ? new UserGrainState { PackedRecentEventIds = "1:a1:b" } : new UserGrainState { RecentEventIds = ["a", "b"] };

        var profile = NewProfile(state);
        profile.CopyEventIdsToState();

        Assert.Equal(["c"], profile.SelectNew([Event("a", T0), Event("b", T0), Event("c", T0)]).Select(e => e.EventId));
        // Written back as fingerprints only, in the ids' order.
        Assert.Empty(state.RecentEventIds);
        Assert.Equal("", state.PackedRecentEventIds);
        Assert.Equal(WindowBytes("a", "b"), StoredWindow(state));
    }

    [Fact]
    public void Apply_counts_late_events_and_reports_the_items_of_positive_ones()
    {
        var profile = NewProfile();
        profile.Apply([Event("e1", T0.AddHours(1), "book")], [Resolved(Books)]);

        var (late, positive, _) = profile.Apply(
            [Event("e2", T0, "old-book"), Event("e3", T0.AddHours(2), "disliked", EventType.Dislike), Event("e4", T0.AddHours(3), "song")],
            [Resolved(Books), Resolved(Music), Resolved(Music)]);

        Assert.Equal(1, late);
        Assert.Equal(["old-book", "song"], positive);
        Assert.Equal(4, profile.State.EventCount);
        Assert.Equal(T0.AddHours(3), profile.State.LastEventTime);
    }

    [Fact]
    public void Apply_remembers_the_event_ids()
    {
        var profile = NewProfile();

        profile.Apply([Event("e1", T0), Event("e2", T0)], [Resolved(Books), Resolved(Books)]);

        Assert.Empty(profile.SelectNew([Event("e1", T0), Event("e2", T0)]));
    }

    [Fact]
    public void Recent_items_are_bounded_most_recent_last_without_repeats()
    {
        var profile = NewProfile(options: new UserOptions { RecentItemCount = 3 });
        string[] items = ["i1", "i2", "i3", "i2", "i4", "i5"];

        profile.Apply(
            [.. items.Select((item, i) => Event("e" + i, T0.AddMinutes(i), item)), Event("text-only", T0.AddMinutes(9), item: null)],
            [.. items.Select(_ => Resolved(Books)), Resolved(Music)]);

        Assert.Equal(["i2", "i4", "i5"], profile.State.RecentItemIds);
        Assert.Equal(["i5", "i4", "i2"], profile.Summarize("u", InterestModelMode.Fallback).RecentItemIds);
    }

    [Fact]
    public void A_repeated_item_moves_to_the_end_instead_of_appearing_twice()
    {
        var profile = NewProfile(options: new UserOptions { RecentItemCount = 5 });

        profile.Apply(
            [Event("e1", T0, "a"), Event("e2", T0.AddMinutes(1), "b"), Event("e3", T0.AddMinutes(2), "a")],
            [Resolved(Books), Resolved(Books), Resolved(Books)]);

        Assert.Equal(["b", "a"], profile.State.RecentItemIds);
    }

    [Fact]
    public void A_user_without_signal_gets_the_popularity_query()
    {
        var profile = NewProfile();
        var request = new RecommendationRequest { K = 7, DiversityLambda = 0.5f, IncludeCategories = ["Books"], ExcludeCategories = ["Music"] };

        var (query, strategy) = profile.BuildQuery(request, []);

        Assert.Equal(RecommendationStrategy.Popularity, strategy);
        Assert.Empty(query.Vector);
        Assert.Null(query.DiversityLambda); // MMR needs vectors
        Assert.Equal(7, query.K);
        Assert.Equal(["Books"], query.IncludeCategories);
        Assert.Equal(["Music"], query.ExcludeCategories);
    }

    [Fact]
    public void A_user_with_signal_gets_the_normalised_interest_vector()
    {
        var profile = NewProfile();
        profile.Apply(
            [Event("e1", T0, "book"), Event("e2", T0, "song", EventType.Purchase)],
            [Resolved([2f, 0f, 0f, 0f]), Resolved(Music)]);

        var (query, strategy) = profile.BuildQuery(new RecommendationRequest { K = 5, DiversityLambda = 0.7f }, []);

        // Fallback: q = normalize(long-term) = normalize(1 * books + 3 * music).
        Assert.Equal(RecommendationStrategy.Personalized, strategy);
        var norm = MathF.Sqrt(10f);
        Assert.Equal([1f / norm, 3f / norm, 0f, 0f], query.Vector, new ToleranceComparer(1e-6f));
        Assert.Equal(0.7f, query.DiversityLambda);
    }

    [Fact]
    public void Seen_items_are_excluded_only_when_the_request_asks()
    {
        var profile = NewProfile();
        profile.Apply([Event("e1", T0, "a"), Event("e2", T0.AddMinutes(1), "b")], [Resolved(Books), Resolved(Books)]);

        var (excluding, _) = profile.BuildQuery(new RecommendationRequest { ExcludeSeen = true }, []);
        var (including, _) = profile.BuildQuery(new RecommendationRequest { ExcludeSeen = false }, []);

        Assert.Equal(["a", "b"], excluding.ExcludeItemIds);
        Assert.Empty(including.ExcludeItemIds);
    }

    [Fact]
    public void CopyEventIdsToState_stores_the_window_in_arrival_order_and_a_new_profile_dedups_with_it()
    {
        var state = new UserGrainState();
        var profile = NewProfile(state, new UserOptions { EventIdWindow = 3 });
        profile.Apply(
            [Event("e1", T0), Event("e2", T0), Event("e3", T0), Event("e4", T0)],
            [Resolved(Books), Resolved(Books), Resolved(Books), Resolved(Books)]);

        profile.CopyEventIdsToState();
        profile.CopyEventIdsToState(); // replaces, never appends

        Assert.Equal(WindowBytes("e2", "e3", "e4"), StoredWindow(state));
        var reloaded = NewProfile(state, new UserOptions { EventIdWindow = 3 });
        Assert.Equal(["e1"], reloaded.SelectNew([Event("e1", T0), Event("e4", T0)]).Select(e => e.EventId));
    }

    [Fact]
    public void Summarize_lists_affinities_strongest_first_and_equal_ones_by_label()
    {
        var state = new UserGrainState
        {
            EventCount = 12,
            Version = 3,
            LastEventTime = T0,
            CategoryAffinities = new() { ["music"] = 1f, ["books"] = 2f, ["art"] = 1f, ["Zines"] = 1f, ["horror"] = -3f },
        };

        var summary = NewProfile(state).Summarize("u-1", InterestModelMode.Learned);

        Assert.Equal(["books", "Zines", "art", "music", "horror"], summary.CategoryAffinities.Select(score => score.Label));
        Assert.All(summary.CategoryAffinities, score => Assert.Equal(LabelKind.Category, score.Kind));
        Assert.Equal(("u-1", 12L, 3L, (DateTimeOffset?)T0, InterestModelMode.Learned),
            (summary.UserId, summary.EventCount, summary.Version, summary.LastEventTime, summary.ModelMode));
    }

    [Fact]
    public void Category_affinities_follow_the_event_weights()
    {
        var profile = NewProfile();

        profile.Apply(
            [Event("e1", T0, "a"), Event("e2", T0, "b", EventType.Dislike), Event("e3", T0, item: null)],
            [Resolved(Books, "Books"), Resolved(Music, "Music", "Books"), Resolved(Music)]);

        Assert.Equal(new Dictionary<string, float> { ["books"] = -0.5f, ["music"] = -1.5f }, profile.State.CategoryAffinities);
    }

    [Fact]
    public void Category_affinities_age_with_the_long_term_vector_across_events_without_categories()
    {
        var profile = NewProfile();
        var halfLife = new InterestOptions().LongTermHalfLife;

        profile.Apply(
            [Event("book", T0, "b"), Event("search", T0 + halfLife, item: null, EventType.Search), Event("song", T0 + (2 * halfLife), "s")],
            [Resolved(Books, "Books"), Resolved([0f, 0f, 1f, 0f]), Resolved(Music, "Music")]);

        // The click on the book is two half-lives old for both views of the user.
        Assert.Equal(0.25f, profile.State.LongTerm[0], 1e-5f);
        Assert.Equal(0.25f, profile.State.CategoryAffinities["books"], 1e-5f);
    }

    [Fact]
    public void Interest_arrays_of_another_shape_are_reset_to_the_trackers()
    {
        var state = new UserGrainState { LongTerm = [1f, 2f], ShortTerm = [1f], Hidden = [0.5f], Cell = [0.5f] };

        var profile = NewProfile(state);

        Assert.Equal(new float[Dimension], state.LongTerm);
        Assert.Equal(new float[Dimension], state.ShortTerm);
        Assert.Empty(state.Hidden); // the fallback has no LSTM state
        Assert.Equal(RecommendationStrategy.Popularity, profile.BuildQuery(new RecommendationRequest(), []).Strategy);
    }

    private static UserProfile NewProfile(UserGrainState? state = null, UserOptions? options = null) =>
        new(state ?? new UserGrainState(), new InterestTracker(new InterestOptions(), null, Dimension), options ?? new UserOptions(), new SharedStrings());

    /// <summary>What a window (not full) that took <paramref name="ids"/> in this order stores in a snapshot: its fingerprints, oldest first.</summary>
    private static byte[] WindowBytes(params string[] ids) => EventIdWindowTests.WindowWith(4096, ids).ToRing().Fingerprints;

    /// <summary>The window a state holds, fingerprints oldest first.</summary>
    private static byte[] StoredWindow(UserGrainState state) =>
        EventIdWindowTests.OldestFirst(state.RecentEventIdFingerprints, state.RecentEventIdOldest);

    private static UserEvent Event(string id, DateTimeOffset at, string? item = "item", EventType type = EventType.Click) => new()
    {
        EventId = id,
        Type = type,
        ItemId = item,
        Timestamp = at,
    };

    private static ResolvedEvent Resolved(float[] embedding, params string[] categories) => new(embedding, categories);

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
