using Seed.Abstractions.Catalog;
using Seed.Core.Collaborative;

namespace Seed.Core.Tests.Collaborative;

public sealed class CoLikeSettingsTests
{
    [Fact]
    public void Query_weight_decays_by_position_and_normalises_by_the_like_count()
    {
        var settings = new CoLikeSettings(1f, 0.5f, 20);

        Assert.Equal(1f / 2f, settings.QueryWeight(0, 4), 6);
        Assert.Equal(0.25f / 3f, settings.QueryWeight(2, 9), 6);
        Assert.Equal(0f, settings.QueryWeight(0, 0));
    }

    [Fact]
    public void Query_weights_follow_the_likes_in_order_and_refuse_counts_that_do_not_match()
    {
        var settings = new CoLikeSettings(1f, 0.5f, 20);

        Assert.Equal([new CoLikeWeight("b", 1f / 2f), new CoLikeWeight("a", 0.5f / 3f)], settings.QueryWeights(["b", "a"], [4, 9]));
        Assert.Throws<ArgumentException>(() => settings.QueryWeights(["b", "a"], [4]));
    }

    [Fact]
    public void Row_bias_adds_the_weighted_normalised_sum_to_the_popularity_bias()
    {
        var settings = new CoLikeSettings(2f, 0.7f, 20);

        Assert.Equal(0.5f + (2f * 3f / 2f), settings.RowBias(0.5f, 3f, 4), 6);
        // No co-like mass, or an item nobody liked: the popularity bias alone.
        Assert.Equal(0.5f, settings.RowBias(0.5f, 0f, 4));
        Assert.Equal(0.5f, settings.RowBias(0.5f, 3f, 0));
    }

    [Fact]
    public void A_row_term_from_the_like_count_root_is_the_float_of_the_formula_on_the_count()
    {
        var settings = new CoLikeSettings(0.37f, 0.7f, 20);
        var random = new Random(4);
        for (var i = 0; i < 1000; i++)
        {
            var (prior, accumulated, count) = (random.NextSingle(), random.NextSingle() * 5f, (double)random.Next(1, 3_000_000));
            var root = CoLikeSettings.LikeCountRoot(count);
            var term = settings.Weight * accumulated / (float)Math.Sqrt(count);

            Assert.Equal(term, settings.RowTermOfRoot(accumulated, root));
            Assert.Equal(prior + term, settings.RowBiasOfRoot(prior, accumulated, root));
            Assert.Equal(prior + term, settings.RowBias(prior, accumulated, count));
        }

        Assert.Equal(0f, CoLikeSettings.LikeCountRoot(0));
        Assert.Equal(0f, settings.RowTermOfRoot(2f, 0f));
    }

    [Theory]
    [InlineData(-1f, 0.5f, 20, "Weight")]
    [InlineData(float.NaN, 0.5f, 20, "Weight")]
    [InlineData(1f, 0f, 20, "Decay")]
    [InlineData(1f, 1.5f, 20, "Decay")]
    [InlineData(1f, 0.5f, 0, "Window")]
    public void Validated_names_the_value_out_of_range(float weight, float decay, int window, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CoLikeSettings(weight, decay, window).Validated());
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Disabled_is_off_and_a_positive_weight_is_on()
    {
        Assert.False(CoLikeSettings.Disabled.IsEnabled);
        Assert.True(new CoLikeSettings(0.1f, 1f, 1).IsEnabled);
    }
}
