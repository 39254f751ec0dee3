using Seed.Abstractions;
using Seed.Datasets;

namespace Seed.Core.Tests.Datasets;

/// <summary>The adapter on the real ml-latest-small copy (counts from data/README.md and its README.txt).</summary>
public sealed class MovieLensLatestDatasetTests
{
    private static readonly Lazy<InteractionDataset> Dataset = new(() => DatasetLoader.Load(Folder));

    private static string Folder => TestPaths.MovieLens;

    [Fact]
    public void Counts_match_the_published_data_set()
    {
        var dataset = Dataset.Value;
        Assert.Equal("ml-latest-small", dataset.Name);
        Assert.Equal(9_742, dataset.Items.Count);
        Assert.Equal(100_836, dataset.Events.Count(e => e.Kind == EventType.Rating));
        Assert.Equal(3_683, dataset.Events.Count(e => e.Kind == EventType.Tag));
        Assert.Equal(610, dataset.Events.Select(e => e.UserId).Distinct().Count());
    }

    [Fact]
    public void Events_are_sorted_by_time_then_user_then_item()
    {
        var events = Dataset.Value.Events;
        for (var i = 1; i < events.Count; i++)
        {
            var (previous, current) = (events[i - 1], events[i]);
            var order = previous.Timestamp.CompareTo(current.Timestamp);
            if (order == 0)
            {
                order = string.CompareOrdinal(previous.UserId, current.UserId);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(previous.ItemId, current.ItemId);
            }

            Assert.True(order <= 0, $"events {i - 1} and {i} are out of order");
        }
    }

    [Fact]
    public void Loading_twice_gives_the_same_order()
    {
        var again = DatasetLoader.Load(Folder);
        Assert.Equal(Dataset.Value.Events, again.Events);
    }

    [Fact]
    public void Ratings_and_tags_carry_their_values()
    {
        var events = Dataset.Value.Events;
        Assert.All(events.Where(e => e.Kind == EventType.Rating), e => Assert.InRange(e.Rating!.Value, 0.5f, 5f));
        var tag = events.First(e => e.Kind == EventType.Tag && e.UserId == "2" && e.ItemId == "60756" && e.Text == "funny");
        Assert.Null(tag.Rating);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1445714994), tag.Timestamp);
    }

    [Fact]
    public void Quoted_titles_are_read_whole_and_tags_stay_out_of_item_text_by_default()
    {
        var items = Dataset.Value.Items;
        var toyStory = items.Single(item => item.Id == "1");
        Assert.Equal("Toy Story (1995)", toyStory.Title);
        Assert.Equal(["Adventure", "Animation", "Children", "Comedy", "Fantasy"], toyStory.Categories);
        Assert.Empty(toyStory.Tags);
        Assert.Equal("Toy Story (1995). Adventure, Animation, Children, Comedy, Fantasy", toyStory.EmbeddingText());
        Assert.Contains(items, item => item.Title.Contains(',', StringComparison.Ordinal));
        Assert.All(items, item => Assert.DoesNotContain("(no genres listed)", item.Categories));
    }

    [Fact]
    public void Item_tags_can_be_asked_for()
    {
        var items = DatasetLoader.Load(Folder, new DatasetLoaderOptions { TagsPerItem = 5 }).Items;
        var toyStory = items.Single(item => item.Id == "1");
        Assert.InRange(toyStory.Tags.Count, 1, 5);
        Assert.EndsWith(". " + string.Join(", ", toyStory.Tags), toyStory.EmbeddingText(), StringComparison.Ordinal);
    }
}
