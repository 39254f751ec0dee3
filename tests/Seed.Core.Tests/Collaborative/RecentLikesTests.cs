using Seed.Core.Collaborative;

namespace Seed.Core.Tests.Collaborative;

public sealed class RecentLikesTests
{
    [Fact]
    public void Keeps_the_last_distinct_likes_most_recent_first()
    {
        var likes = new RecentLikes([], window: 3);
        foreach (var item in new[] { "a", "b", "c", "b", "d" })
        {
            likes.Add(item);
        }

        // "b" liked again moved to the front; "a" fell out of the window of 3.
        Assert.Equal(["d", "b", "c"], likes.Items);
    }

    [Fact]
    public void A_like_pairs_with_every_other_held_item_most_recent_first()
    {
        var likes = new RecentLikes(["c", "a", "b"], window: 5);

        var others = likes.Add("a");

        // "a" itself is not paired with itself; the others are, most recent first.
        Assert.Equal(["c", "b"], others);
        Assert.Equal(["a", "c", "b"], likes.Items);
        Assert.Empty(new RecentLikes([], window: 5).Add("x"));
    }

    [Fact]
    public void Wraps_the_callers_list_and_trims_it_to_the_window()
    {
        var stored = new List<string> { "a", "b", "c", "d" };

        var likes = new RecentLikes(stored, window: 2);
        Assert.Equal(["a", "b"], likes.Add("e"));

        Assert.Same(stored, likes.Items);
        Assert.Equal(["e", "a"], stored);
    }
}
