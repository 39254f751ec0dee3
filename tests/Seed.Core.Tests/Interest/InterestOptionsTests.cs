using Microsoft.Extensions.Options;
using Seed.Abstractions;
using Seed.Core.Interest;
using Seed.Testing;

namespace Seed.Core.Tests.Interest;

public sealed class InterestOptionsTests
{
    [Theory]
    [InlineData(EventType.View, null, 0.5f)]
    [InlineData(EventType.Click, null, 1f)]
    [InlineData(EventType.AddToCart, null, 2f)]
    [InlineData(EventType.Purchase, null, 3f)]
    [InlineData(EventType.Search, null, 0.75f)]
    [InlineData(EventType.Review, null, 1f)]
    [InlineData(EventType.Tag, null, 1f)]
    [InlineData(EventType.Dislike, null, -1.5f)]
    [InlineData(EventType.Rating, null, 1f)]
    [InlineData(EventType.Rating, 5f, 2f)]
    [InlineData(EventType.Rating, 4.5f, 1.5f)]
    [InlineData(EventType.Rating, 4f, 1f)]
    [InlineData(EventType.Rating, 3.5f, 0.25f)]
    [InlineData(EventType.Rating, 3f, 0.25f)]
    [InlineData(EventType.Rating, 2.5f, -0.5f)]
    [InlineData(EventType.Rating, 2f, -0.5f)]
    [InlineData(EventType.Rating, 1.5f, -1f)]
    [InlineData(EventType.Rating, 0.5f, -1f)]
    [InlineData(EventType.Review, 5f, 2f)]
    [InlineData(EventType.Review, 1f, -1f)]
    [InlineData(EventType.Rating, float.NaN, 1f)]
    [InlineData(EventType.Purchase, 1f, 3f)]
    public void WeightFor_FollowsTheDocumentedTable(EventType kind, float? rating, float expected)
    {
        Assert.Equal(expected, new InterestOptions().WeightFor(kind, rating));
    }

    [Fact]
    public void WeightFor_UsesConfiguredWeights()
    {
        var options = new InterestOptions { ClickWeight = 4f, ReviewWeight = 0.1f };

        Assert.Equal(4f, options.WeightFor(EventType.Click, null));
        Assert.Equal(4f, options.WeightFor(EventType.Rating, null));
        Assert.Equal(0.1f, options.WeightFor(EventType.Review, null));
    }

    [Fact]
    public void WeightFor_UnknownKindThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InterestOptions().WeightFor((EventType)42, null));
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new InterestOptionsValidator().Validate(null, new InterestOptions()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(InterestOptions.LongTermHalfLife), 1L, true)]
    [InlineData(nameof(InterestOptions.LongTermHalfLife), 0L, false)]
    [InlineData(nameof(InterestOptions.LongTermHalfLife), -36_000_000_000L, false)]
    [InlineData(nameof(InterestOptions.LongTermHalfLife), long.MaxValue, true)]
    [InlineData(nameof(InterestOptions.ShortTermHalfLife), 1L, true)]
    [InlineData(nameof(InterestOptions.ShortTermHalfLife), 0L, false)]
    [InlineData(nameof(InterestOptions.ShortTermHalfLife), long.MaxValue, true)]
    public void Half_lives_must_be_positive(string setting, long ticks, bool valid)
    {
        var options = new InterestOptions();
        typeof(InterestOptions).GetProperty(setting)!.SetValue(options, TimeSpan.FromTicks(ticks));

        OptionsAssert.Rule(new InterestOptionsValidator(), options, $"Seed:Interest:{setting}", valid);
    }

    public static TheoryData<string, float, bool> WeightCases()
    {
        var cases = new TheoryData<string, float, bool>();
        foreach (string weight in (string[])["ViewWeight", "ClickWeight", "AddToCartWeight", "PurchaseWeight", "SearchWeight", "ReviewWeight", "TagWeight", "DislikeWeight"])
        {
            cases.Add(weight, float.MaxValue, true);
            cases.Add(weight, float.PositiveInfinity, false);
            cases.Add(weight, float.MinValue, true);
            cases.Add(weight, float.NegativeInfinity, false);
            cases.Add(weight, float.NaN, false);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(WeightCases))]
    public void Weights_must_be_finite(string setting, float value, bool valid)
    {
        var options = new InterestOptions();
        typeof(InterestOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new InterestOptionsValidator(), options, $"Seed:Interest:{setting}", valid);
    }

    [Fact]
    public void A_tracker_built_in_code_applies_the_same_rules()
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => new InterestTracker(new InterestOptions { ShortTermHalfLife = TimeSpan.Zero, DislikeWeight = float.NaN }, model: null, 4));

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Seed:Interest:ShortTermHalfLife", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:Interest:DislikeWeight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InteractionKindValues_AreStable()
    {
        // Persisted format: these numbers select one-hot slots in trained models.
        int[] expected = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        Assert.Equal(expected, Enum.GetValues<EventType>().Select(kind => (int)kind));
        Assert.Equal("View,Click,AddToCart,Purchase,Rating,Search,Review,Dislike,Tag", string.Join(',', Enum.GetNames<EventType>()));
    }
}
