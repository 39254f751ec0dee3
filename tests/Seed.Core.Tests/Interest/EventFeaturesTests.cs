using Seed.Abstractions;
using Seed.Core.Interest;

namespace Seed.Core.Tests.Interest;

public sealed class EventFeaturesTests
{
    private const int Dim = 4;

    [Fact]
    public void InputSize_IsEmbeddingPlusKindsWeightAndTime()
    {
        Assert.Equal(141, EventFeatures.InputSize(128));
        Assert.Equal(3, EventFeatures.TimeAndClockFeatureCount);
        Assert.Equal(Dim + 13, EventFeatures.InputSize(Dim));
    }

    [Fact]
    public void Build_WritesTheDocumentedLayout()
    {
        float[] embedding = [0.1f, -0.2f, 0.3f, 0.4f];
        var features = new float[EventFeatures.InputSize(Dim)];
        features.AsSpan().Fill(99f);
        var timestamp = new DateTimeOffset(2024, 3, 1, 6, 30, 59, TimeSpan.Zero);

        EventFeatures.Build(embedding, EventType.Purchase, 3f, 3600, timestamp, features);

        Assert.Equal(embedding, features[..Dim]);
        float[] expectedOneHot = [0, 0, 0, 1, 0, 0, 0, 0, 0];
        Assert.Equal(expectedOneHot, features[Dim..(Dim + 9)]);
        Assert.Equal(1f, features[Dim + 9]);
        Assert.Equal((float)(Math.Log(2) / 10), features[Dim + 10]);
        double angle = 2 * Math.PI * 6.5 / 24;
        Assert.Equal((float)Math.Sin(angle), features[Dim + 11]);
        Assert.Equal((float)Math.Cos(angle), features[Dim + 12]);
    }

    [Theory]
    [InlineData(EventType.View)]
    [InlineData(EventType.Rating)]
    [InlineData(EventType.Tag)]
    public void Build_OneHotHasExactlyOneSlotForTheKind(EventType kind)
    {
        var features = new float[EventFeatures.InputSize(Dim)];

        EventFeatures.Build(new float[Dim], kind, 1f, 0, DateTimeOffset.UnixEpoch, features);

        for (int slot = 0; slot < 9; slot++)
        {
            Assert.Equal(slot == (int)kind ? 1f : 0f, features[Dim + slot]);
        }
    }

    [Fact]
    public void Build_UsesUtcClockAndClampsNegativeGap()
    {
        var features = new float[EventFeatures.InputSize(Dim)];
        // 20:00 at +02:00 is 18:00 UTC: a quarter turn before midnight, so sin = -1 and cos = 0.
        var timestamp = new DateTimeOffset(2024, 6, 1, 20, 0, 0, TimeSpan.FromHours(2));

        EventFeatures.Build(new float[Dim], EventType.Dislike, -1.5f, -500, timestamp, features);

        Assert.Equal(-0.5f, features[Dim + 9]);
        Assert.Equal(0f, features[Dim + 10]);
        Assert.Equal(-1f, features[Dim + 11], 1e-6f);
        Assert.Equal(0f, features[Dim + 12], 1e-6f);
    }

    [Fact]
    public void Build_TimeGapIsLogHoursOverTen()
    {
        var features = new float[EventFeatures.InputSize(Dim)];

        EventFeatures.Build(new float[Dim], EventType.Click, 1f, 86400 * 30, DateTimeOffset.UnixEpoch, features);
        Assert.Equal((float)(Math.Log(1 + 720.0) / 10), features[Dim + 10]);

        EventFeatures.Build(new float[Dim], EventType.Click, 1f, 1e-9, DateTimeOffset.UnixEpoch, features);
        Assert.Equal((float)(1e-9 / 3600 / 10), features[Dim + 10], 1e-20f);
    }

    [Fact]
    public void Build_RejectsWrongDestinationLength()
    {
        Assert.Throws<ArgumentException>(() =>
            EventFeatures.Build(new float[Dim], EventType.Click, 1f, 0, DateTimeOffset.UnixEpoch, new float[Dim + 12]));
    }
}
