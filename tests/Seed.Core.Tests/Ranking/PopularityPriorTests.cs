using Seed.Core.Ranking;

namespace Seed.Core.Tests.Ranking;

public sealed class PopularityPriorTests
{
    [Fact]
    public void Replaced_rows_hold_their_values_until_the_next_call_puts_them_back()
    {
        var prior = new PopularityPrior(1f, 5);
        for (var row = 0; row < 5; row++)
        {
            prior.Set(row, row);
        }

        var first = prior.WithRowsReplaced([1, 3], [10f, 30f]).ToArray();
        var second = prior.WithRowsReplaced([0], [7f]).ToArray();

        Assert.Equal([prior.Bias[0], 10f, prior.Bias[2], 30f, prior.Bias[4]], first);
        Assert.Equal([7f, prior.Bias[1], prior.Bias[2], prior.Bias[3], prior.Bias[4]], second);
    }

    [Fact]
    public void Counts_set_and_rows_added_between_calls_show_in_the_next_one()
    {
        var prior = new PopularityPrior(1f, 3);
        prior.WithRowsReplaced([2], [5f]);
        prior.Set(0, 9);
        prior.Set(2, 4);
        prior.Set(40, 2);

        var next = prior.WithRowsReplaced([], []).ToArray();

        Assert.Equal(prior.Bias.ToArray(), next);
        Assert.Equal(41, next.Length);
        Assert.Equal(PopularityPrior.BiasFor(1f, 9), next[0]);
    }

    [Fact]
    public void Rejects_rows_outside_the_prior_and_mismatched_values()
    {
        var prior = new PopularityPrior(1f, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => prior.WithRowsReplaced([3], [1f]));
        Assert.Throws<ArgumentException>(() => prior.WithRowsReplaced([0, 1], [1f]));
    }
}
