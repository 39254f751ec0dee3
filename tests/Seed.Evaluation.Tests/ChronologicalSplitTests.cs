using Seed.Abstractions;
using Seed.Datasets;

namespace Seed.Evaluation.Tests;

public sealed class ChronologicalSplitTests
{
    [Fact]
    public void History_is_strictly_before_the_split_and_test_at_or_after()
    {
        var events = Enumerable.Range(0, 100).Select(minute => SyntheticData.Rating("u", minute, 5, minute)).ToList();

        var split = ChronologicalSplit.AtQuantile(events, 0.8);

        Assert.Equal(SyntheticData.At(79), split.SplitTime);
        Assert.Equal(79, split.History.Count);
        Assert.Equal(21, split.Test.Count);
        Assert.All(split.History, e => Assert.True(e.Timestamp < split.SplitTime));
        Assert.All(split.Test, e => Assert.True(e.Timestamp >= split.SplitTime));
        Assert.Equal(events, split.History.Concat(split.Test));
    }

    [Fact]
    public void Events_sharing_the_split_second_all_go_to_test()
    {
        var events = new List<InteractionEvent>();
        for (var i = 0; i < 10; i++)
        {
            events.Add(SyntheticData.Rating($"u{i}", i, 4, i < 5 ? i : 5));
        }

        var split = ChronologicalSplit.AtQuantile(events, 0.6);

        Assert.Equal(5, split.History.Count);
        Assert.All(split.Test, e => Assert.Equal(SyntheticData.At(5), e.Timestamp));
    }

    [Fact]
    public void Unsorted_events_are_refused()
    {
        var events = new List<InteractionEvent>
        {
            new("u", "a", SyntheticData.At(2), EventType.Click, null, null),
            new("u", "b", SyntheticData.At(1), EventType.Click, null, null),
        };

        Assert.Throws<ArgumentException>(() => ChronologicalSplit.AtQuantile(events, 0.5));
    }
}
