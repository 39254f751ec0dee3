using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Models;
using Seed.Abstractions.Users;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary>
/// With the learned model the short-term vector is derived from the LSTM's hidden state instead of being kept in the
/// user's state: the state holds none, and snapshots written when it was kept still load and answer the same.
/// </summary>
public sealed class UserProfileShortTermTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_the_learned_model_the_state_keeps_no_short_term_vector()
    {
        var profile = LearnedProfile(new UserGrainState());

        ApplyThreeEvents(profile);
        var state = profile.State;

        Assert.Empty(state.ShortTerm);
        Assert.Equal(CoLikeModel.Dimension, state.LongTerm.Length);
        Assert.Equal(RecommendationStrategy.Personalized, profile.BuildQuery(new RecommendationRequest(), []).Strategy);
    }

    [Fact]
    public void A_snapshot_that_still_carries_the_short_term_vector_loads_and_answers_as_the_live_profile()
    {
        var live = LearnedProfile(new UserGrainState());
        ApplyThreeEvents(live);
        var shortTerm = new float[CoLikeModel.Dimension];
        CoLikeModel.Tracker().ShortTerm(new(live.State.Hidden, live.State.Cell, live.State.ShortTerm, live.State.LongTerm, live.State.EventCount, live.State.LastEventTime), shortTerm);
        // What a silo that stored the short-term vector wrote for the same events.
        var stored = new UserGrainState
        {
            Hidden = [.. live.State.Hidden],
            Cell = [.. live.State.Cell],
            ShortTerm = shortTerm,
            LongTerm = [.. live.State.LongTerm],
            EventCount = live.State.EventCount,
            LastEventTime = live.State.LastEventTime,
            RecentItemIds = [.. live.State.RecentItemIds],
            ModelVersion = live.State.ModelVersion,
        };

        var reloaded = LearnedProfile(stored);

        Assert.Empty(stored.ShortTerm);
        Assert.Equal(live.BuildQuery(new RecommendationRequest(), []).Query.Vector, reloaded.BuildQuery(new RecommendationRequest(), []).Query.Vector);
        // The derived vector is the one /interests describes: a label centred on it is the closest short-term one.
        LabelVectorSum[] centroids =
        [
            new() { Label = "current", Kind = LabelKind.Category, Sum = shortTerm, ItemCount = 10 },
            new() { Label = "other", Kind = LabelKind.Category, Sum = [.. shortTerm.Select(value => -value)], ItemCount = 10 },
        ];
        Assert.Equal("current", reloaded.DescribeInterests("u", centroids, 1, InterestModelMode.Learned).ShortTermCategories.Single().Label);
    }

    [Fact]
    public void A_cold_user_has_no_short_term_interest_to_describe()
    {
        var profile = LearnedProfile(new UserGrainState());
        var anyDirection = CoLikeModel.Axis(0);

        var interests = profile.DescribeInterests("u", [new() { Label = "x", Kind = LabelKind.Category, Sum = anyDirection, ItemCount = 10 }], 5, InterestModelMode.Learned);

        Assert.Empty(interests.ShortTermCategories);
        Assert.Equal(RecommendationStrategy.Popularity, profile.BuildQuery(new RecommendationRequest(), []).Strategy);
    }

    /// <summary>A profile over the repository's learned model (co-like settings fixed, which these tests do not use).</summary>
    private static UserProfile LearnedProfile(UserGrainState state) => new(state, CoLikeModel.Tracker(), new UserOptions(), new SharedStrings());

    private static void ApplyThreeEvents(UserProfile profile) => profile.Apply(
        [
            new UserEvent { EventId = "e1", Type = EventType.Click, ItemId = "a", Timestamp = T0 },
            new UserEvent { EventId = "e2", Type = EventType.AddToCart, ItemId = "b", Timestamp = T0.AddMinutes(3) },
            new UserEvent { EventId = "e3", Type = EventType.Purchase, ItemId = "c", Timestamp = T0.AddHours(2) },
        ],
        [.. Enumerable.Range(0, 3).Select(axis => new ResolvedEvent(CoLikeModel.Axis(axis), []))]);
}
