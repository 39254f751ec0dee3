using Seed.Abstractions.Catalog;
using Seed.Core.Collaborative;

namespace Seed.Core.Tests.Collaborative;

public sealed class RecentLikesTests
{
    [Fact]
    public void Keeps_the_last_distinct_likes_most_recent_first()
    {
        var likes = new RecentLikes([], window: 3);
        var pairs = new List<CoLikePair>();
        foreach (var item in new[] { "a", "b", "c", "b", "d" })
        {
            likes.Add(item, pairs);
        }

        // "b" liked again moved to the front; "a" fell out of the window of 3.
        Assert.Equal(["d", "b", "c"], likes.Items);
    }

    [Fact]
    public void A_like_pairs_with_every_other_held_item_in_both_directions()
    {
        var likes = new RecentLikes(["b", "a"], window: 5);
        var pairs = new List<CoLikePair>();

        likes.Add("a", pairs);

        // "a" itself is not paired with itself; "b" is, both ways.
        Assert.Equal([new CoLikePair("a", "b"), new CoLikePair("b", "a")], pairs);
        Assert.Equal(["a", "b"], likes.Items);
    }

    [Fact]
    public void Wraps_the_callers_list_and_trims_it_to_the_window()
    {
        var stored = new List<string> { "a", "b", "c", "d" };

        var likes = new RecentLikes(stored, window: 2);
        likes.Add("e", []);

        Assert.Same(stored, likes.Items);
        Assert.Equal(["e", "a"], stored);
    }
}
