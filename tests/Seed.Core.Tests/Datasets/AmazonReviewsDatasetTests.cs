using Seed.Abstractions;
using Seed.Datasets;
using Seed.Testing;

namespace Seed.Core.Tests.Datasets;

/// <summary>The Amazon reviews adapter on the real Musical Instruments 5-core file (counts from its README).</summary>
public sealed class AmazonReviewsDatasetTests
{
    private static readonly Lazy<InteractionDataset> Dataset = new(() => DatasetLoader.Load(Folder));

    private static string Folder => SharedFolder.PathOf(SharedFolder.AmazonReviews);

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Counts_and_ratings_match_the_published_data_set()
    {
        var dataset = Dataset.Value;

        Assert.Equal("amazon-musical-instruments-5core", dataset.Name);
        Assert.True(dataset.ItemTextFromEarlierReviews);
        Assert.Equal(10_261, dataset.Events.Count);
        Assert.Equal(1_429, dataset.Events.Select(e => e.UserId).Distinct().Count());
        Assert.Equal(900, dataset.Items.Count);
        Assert.All(dataset.Events, e => Assert.Equal(EventType.Review, e.Kind));
        var stars = dataset.Events.GroupBy(e => e.Rating!.Value).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(new Dictionary<float, int> { [5f] = 6_938, [4f] = 2_084, [3f] = 772, [2f] = 250, [1f] = 217 }, stars);
        Assert.Equal(9_022, dataset.Events.Count(PositiveInteraction.IsPositive));
        Assert.Equal(new DateTimeOffset(2004, 9, 18, 0, 0, 0, TimeSpan.Zero), dataset.Events[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2014, 7, 22, 0, 0, 0, TimeSpan.Zero), dataset.Events[^1].Timestamp);
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Items_are_known_by_their_asin_and_every_review_carries_headline_and_body()
    {
        var dataset = Dataset.Value;

        Assert.All(dataset.Items, item => Assert.Equal(item.Id, item.EmbeddingText()));
        Assert.All(dataset.Events, e => Assert.False(string.IsNullOrWhiteSpace(e.Text)));
        // The file's first line: summary "good", then the review body.
        var first = dataset.Events.Single(e => e.UserId == "A2IBPI20UZIR0U" && e.ItemId == "1384719342");
        Assert.StartsWith("good. Not much to write about here, but it does exactly what it's supposed to.", first.Text, StringComparison.Ordinal);
        Assert.Equal(5f, first.Rating);
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Same_day_reviews_replay_by_reviewer_then_asin_whatever_the_file_order()
    {
        using var folder = new Models.TempDirectory();
        var lines = File.ReadAllLines(Path.Combine(Folder, "reviews_Musical_Instruments_5.json"));
        Array.Reverse(lines);
        File.WriteAllLines(folder.File("reviews_reversed.json"), lines);

        var reversed = DatasetLoader.Load(folder.Path).Events;

        Assert.Equal(Dataset.Value.Events, reversed);
        for (var i = 1; i < reversed.Count; i++)
        {
            var (previous, current) = (reversed[i - 1], reversed[i]);
            var order = previous.Timestamp.CompareTo(current.Timestamp);
            order = order != 0 ? order : string.CompareOrdinal(previous.UserId, current.UserId);
            order = order != 0 ? order : string.CompareOrdinal(previous.ItemId, current.ItemId);
            // Strictly increasing: the file has no repeated (reviewer, asin) pair, so the order is total.
            Assert.True(order < 0, $"events {i - 1} and {i} are out of (time, reviewer, asin) order");
        }
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void An_items_text_at_any_moment_is_built_from_strictly_earlier_reviews_only()
    {
        var dataset = Dataset.Value;
        var reviewsByItem = dataset.Events.ToLookup(e => e.ItemId, StringComparer.Ordinal);
        var replay = ItemTextTimeline.For(dataset)!.Start();
        var current = dataset.Items.ToDictionary(item => item.Id, item => item.Id, StringComparer.Ordinal);
        var leaksChecked = 0;
        foreach (var interaction in dataset.Events)
        {
            foreach (var change in replay.AdvanceTo(interaction.Timestamp))
            {
                current[change.ItemId] = change.Text;
            }

            var earlier = reviewsByItem[interaction.ItemId].Where(e => e.Timestamp < interaction.Timestamp).Select(e => e.Text!).ToList();
            Assert.Equal(ReviewItemText.Compose(interaction.ItemId, earlier), current[interaction.ItemId]);
            Assert.Equal(current[interaction.ItemId], replay.TextOf(interaction.ItemId));
            // Direct check: no review of this item from this day on is part of its text (unless an earlier one reads the same).
            foreach (var later in reviewsByItem[interaction.ItemId].Where(e => e.Timestamp >= interaction.Timestamp))
            {
                var laterText = later.Text!;
                var opening = laterText[..Math.Min(60, laterText.Length)];
                if (!earlier.Any(text => text.StartsWith(opening, StringComparison.Ordinal)))
                {
                    Assert.DoesNotContain(opening, current[interaction.ItemId], StringComparison.Ordinal);
                    leaksChecked++;
                }
            }
        }

        Assert.True(leaksChecked > 10_000, $"only {leaksChecked} later reviews checked");
        Assert.Equal(900, current.Values.Count(text => text.Contains('\n', StringComparison.Ordinal) || text.Length > 10));
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Changes_come_once_per_item_in_ordinal_order_and_all_texts_covers_every_version()
    {
        var dataset = Dataset.Value;
        var timeline = ItemTextTimeline.For(dataset)!;
        var replay = timeline.Start();
        var all = timeline.AllTexts().ToHashSet(StringComparer.Ordinal);
        var announced = 0;
        foreach (var moment in dataset.Events.Select(e => e.Timestamp).Distinct().Append(DateTimeOffset.MaxValue))
        {
            var changes = replay.AdvanceTo(moment);
            Assert.Equal(changes.Select(c => c.ItemId).Order(StringComparer.Ordinal), changes.Select(c => c.ItemId));
            Assert.Equal(changes.Count, changes.Select(c => c.ItemId).Distinct().Count());
            Assert.All(changes, change => Assert.Contains(change.Text, all));
            announced += changes.Count;
        }

        // One change per (item, review day) pair: every item's text moves once per day on which it was reviewed.
        Assert.Equal(dataset.Events.Select(e => (e.ItemId, e.Timestamp)).Distinct().Count(), announced);
        Assert.Throws<ArgumentOutOfRangeException>(() => replay.AdvanceTo(dataset.Events[0].Timestamp));
    }
}
