using Seed.Core.Interest;
using Seed.Abstractions;

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
    public void Validate_AcceptsDefaultsAndNamesTheBadField()
    {
        new InterestOptions().Validate();

        var exception = Assert.Throws<ArgumentException>(() => new InterestOptions { ShortTermHalfLife = TimeSpan.Zero }.Validate());
        Assert.Contains(nameof(InterestOptions.ShortTermHalfLife), exception.Message, StringComparison.Ordinal);

        exception = Assert.Throws<ArgumentException>(() => new InterestOptions { LongTermHalfLife = TimeSpan.FromHours(-1) }.Validate());
        Assert.Contains(nameof(InterestOptions.LongTermHalfLife), exception.Message, StringComparison.Ordinal);

        exception = Assert.Throws<ArgumentException>(() => new InterestOptions { DislikeWeight = float.NaN }.Validate());
        Assert.Contains(nameof(InterestOptions.DislikeWeight), exception.Message, StringComparison.Ordinal);
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
