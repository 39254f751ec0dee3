using Seed.Core.Interest;

namespace Seed.Core.Tests.Interest;

public sealed class InterestOptionsTests
{
    [Theory]
    [InlineData(InteractionKind.View, null, 0.5f)]
    [InlineData(InteractionKind.Click, null, 1f)]
    [InlineData(InteractionKind.AddToCart, null, 2f)]
    [InlineData(InteractionKind.Purchase, null, 3f)]
    [InlineData(InteractionKind.Search, null, 0.75f)]
    [InlineData(InteractionKind.Review, null, 1f)]
    [InlineData(InteractionKind.Tag, null, 1f)]
    [InlineData(InteractionKind.Dislike, null, -1.5f)]
    [InlineData(InteractionKind.Rating, null, 1f)]
    [InlineData(InteractionKind.Rating, 5f, 2f)]
    [InlineData(InteractionKind.Rating, 4.5f, 1.5f)]
    [InlineData(InteractionKind.Rating, 4f, 1f)]
    [InlineData(InteractionKind.Rating, 3.5f, 0.25f)]
    [InlineData(InteractionKind.Rating, 3f, 0.25f)]
    [InlineData(InteractionKind.Rating, 2.5f, -0.5f)]
    [InlineData(InteractionKind.Rating, 2f, -0.5f)]
    [InlineData(InteractionKind.Rating, 1.5f, -1f)]
    [InlineData(InteractionKind.Rating, 0.5f, -1f)]
    [InlineData(InteractionKind.Review, 5f, 2f)]
    [InlineData(InteractionKind.Review, 1f, -1f)]
    [InlineData(InteractionKind.Rating, float.NaN, 1f)]
    [InlineData(InteractionKind.Purchase, 1f, 3f)]
    public void WeightFor_FollowsTheDocumentedTable(InteractionKind kind, float? rating, float expected)
    {
        Assert.Equal(expected, new InterestOptions().WeightFor(kind, rating));
    }

    [Fact]
    public void WeightFor_UsesConfiguredWeights()
    {
        var options = new InterestOptions { ClickWeight = 4f, ReviewWeight = 0.1f };

        Assert.Equal(4f, options.WeightFor(InteractionKind.Click, null));
        Assert.Equal(4f, options.WeightFor(InteractionKind.Rating, null));
        Assert.Equal(0.1f, options.WeightFor(InteractionKind.Review, null));
    }

    [Fact]
    public void WeightFor_UnknownKindThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InterestOptions().WeightFor((InteractionKind)42, null));
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
        Assert.Equal(expected, Enum.GetValues<InteractionKind>().Select(kind => (int)kind));
        Assert.Equal("View,Click,AddToCart,Purchase,Rating,Search,Review,Dislike,Tag", string.Join(',', Enum.GetNames<InteractionKind>()));
    }
}
