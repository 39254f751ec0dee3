using Seed.Grains.Users;

namespace Seed.Grains.Tests;

public sealed class CategoryAffinitiesTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(10);
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_event_adds_its_weight_to_each_category_lower_cased()
    {
        var scores = new Dictionary<string, float>();
        var affinities = new CategoryAffinities(scores, HalfLife, limit: 10, new SharedStrings());

        affinities.Add(["Books", "SciFi"], 2f, previous: null, T0);
        affinities.Add(["BOOKS"], 1f, previous: T0, T0);

        Assert.Equal(new Dictionary<string, float> { ["books"] = 3f, ["scifi"] = 2f }, scores);
    }

    [Fact]
    public void Scores_halve_over_one_half_life_before_the_new_weight_is_added()
    {
        var scores = new Dictionary<string, float>();
        var affinities = new CategoryAffinities(scores, HalfLife, limit: 10, new SharedStrings());
        affinities.Add(["books"], 4f, previous: null, T0);
        affinities.Add(["music"], 2f, previous: T0, T0);

        affinities.Add(["music"], 1f, previous: T0, T0 + HalfLife);

        Assert.Equal(2f, scores["books"], 1e-5f);
        Assert.Equal(2f, scores["music"], 1e-5f); // 2 halved, plus 1
    }

    [Fact]
    public void Two_half_lives_quarter_a_score()
    {
        var scores = new Dictionary<string, float> { ["books"] = 8f };
        var affinities = new CategoryAffinities(scores, HalfLife, limit: 10, new SharedStrings());

        affinities.Add(["music"], 1f, previous: T0, T0 + (2 * HalfLife));

        Assert.Equal(2f, scores["books"], 1e-5f);
    }

    [Fact]
    public void An_event_without_categories_still_ages_the_scores()
    {
        var scores = new Dictionary<string, float>();
        var affinities = new CategoryAffinities(scores, HalfLife, limit: 10, new SharedStrings());
        affinities.Add(["books"], 4f, previous: null, T0);

        affinities.Add([], 1f, previous: T0, T0 + HalfLife); // a search: no item, no categories
        affinities.Add(["music"], 1f, previous: T0 + HalfLife, T0 + (2 * HalfLife));

        // Each call decays from the previous event, so the categoryless one must take its half-life off too.
        Assert.Equal(1f, scores["books"], 1e-5f);
    }

    [Fact]
    public void A_late_event_adds_its_weight_without_decay()
    {
        var scores = new Dictionary<string, float> { ["books"] = 8f };
        var affinities = new CategoryAffinities(scores, HalfLife, limit: 10, new SharedStrings());

        affinities.Add(["books"], 1f, previous: T0 + HalfLife, T0);

        Assert.Equal(9f, scores["books"]);
    }

    [Fact]
    public void Beyond_the_limit_the_weakest_by_magnitude_are_dropped()
    {
        var scores = new Dictionary<string, float> { ["liked"] = 3f, ["disliked"] = -5f, ["faint"] = 0.5f };
        var affinities = new CategoryAffinities(scores, HalfLife, limit: 3, new SharedStrings());

        affinities.Add(["new", "newer"], 4f, previous: T0, T0);

        // Five categories, three kept: the strong dislike stays, the two weakest (0.5 and 3) go.
        Assert.Equal(new Dictionary<string, float> { ["disliked"] = -5f, ["new"] = 4f, ["newer"] = 4f }, scores);
    }

    [Fact]
    public void A_new_category_weaker_than_all_kept_ones_is_itself_dropped()
    {
        var scores = new Dictionary<string, float> { ["a"] = 3f, ["b"] = 2f };
        var affinities = new CategoryAffinities(scores, HalfLife, limit: 2, new SharedStrings());

        affinities.Add(["c"], 1f, previous: T0, T0);

        Assert.Equal(["a", "b"], scores.Keys.Order());
    }
}
