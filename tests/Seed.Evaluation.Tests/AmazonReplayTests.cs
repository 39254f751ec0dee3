using System.Globalization;
using Seed.Core.Interest;
using Seed.Datasets;
using Seed.Encoders;
using Seed.Testing;
using Spectre.Console;

namespace Seed.Evaluation.Tests;

/// <summary>The replay on real Amazon reviews, whose item texts are built from earlier reviews while it runs.</summary>
public sealed class AmazonReplayTests : IDisposable
{
    private readonly AmazonSlice _slice = new(items: 120);

    private static string EncoderPath => TestData.Encoder;

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Every_model_sees_each_item_text_before_the_first_later_event_and_never_a_review_of_that_day_or_later()
    {
        var (dataset, catalog) = LoadAndEncode();

        var split = ChronologicalSplit.AtQuantile(dataset.Events, 0.8);
        var model = new RecordingRecommender(new MeanProfileRecommender(catalog, new PopularityRanking(catalog, split.History)));

        ReplayEvaluator.Evaluate(model, split.History, split.Test, catalog, k: 10);

        var reviewsByItem = dataset.Events.ToLookup(e => e.ItemId, StringComparer.Ordinal);
        var current = dataset.Items.ToDictionary(item => item.Id, item => item.EmbeddingText(), StringComparer.Ordinal);
        var changes = new Queue<ItemTextChange>(model.ItemTextChanges);
        var observed = 0;
        foreach (var call in model.Calls)
        {
            if (call.StartsWith("item ", StringComparison.Ordinal))
            {
                var change = changes.Dequeue();
                current[change.ItemId] = change.Text;
                continue;
            }

            if (!call.StartsWith("observe ", StringComparison.Ordinal))
            {
                continue;
            }

            // Before each event (and its prediction) every item shows exactly its reviews from earlier days.
            var moment = DateTimeOffset.Parse(call.Split(' ')[3], CultureInfo.InvariantCulture);
            foreach (var (itemId, text) in current)
            {
                var earlier = reviewsByItem[itemId].Where(e => e.Timestamp < moment).Select(e => e.Text!).ToList();
                Assert.Equal(ReviewItemText.Compose(itemId, earlier), text);
            }

            observed++;
        }

        Assert.Equal(dataset.Events.Count, observed);
        Assert.Empty(changes);
        Assert.True(model.ItemTextChanges.Count > dataset.Items.Count, $"only {model.ItemTextChanges.Count} item text changes");
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Runs_end_to_end_on_a_slice_and_is_deterministic()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        var options = EvaluationCommand.Parse(["--data", _slice.Folder, "--encoder", EncoderPath, "--model", Path.Combine(_slice.Folder, "no-model"), "--k", "10"]);

        var report = new EvaluationRunner(console).Run(options);

        Assert.Equal("amazon-slice", report.Dataset);
        Assert.Equal(["popularity", "mean-profile", "ema-profile", "item-knn", "fallback"], report.Models.Select(m => m.Name));
        Assert.True(report.Events > 100, $"{report.Events} test events");
        Assert.All(report.Models, m => Assert.InRange(m.HitRate, 0, m.Recall20));
        // The content models must rank with something: at least one hit each on a 120-item catalog.
        Assert.All(report.Models, m => Assert.True(m.HitRate > 0, $"{m.Name} never hit"));
        Assert.Equal(report.Models, new EvaluationRunner(console).Run(options).Models);
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void The_tracker_re_projects_an_item_whose_text_changed()
    {
        var (dataset, catalog) = LoadAndEncode();

        var popularity = new PopularityRanking(catalog, dataset.Events);
        var model = new InterestTrackerRecommender("fallback", new InterestTracker(new InterestOptions(), null, catalog.Dimension), catalog, popularity);
        var liker = dataset.Events.First(PositiveInteraction.IsPositive);
        model.Observe(liker);
        var exclude = new Core.Ranking.RowBitSet(catalog.Count);
        var other = dataset.Items.First(item => item.Id != liker.ItemId).Id;
        catalog.TryGetRow(other, out var otherRow);
        var before = model.RankOf(liker.UserId, otherRow, exclude);

        // Give the other item the liked item's own review: it becomes the closest item to the user's interest.
        var likedText = ItemTextTimeline.For(dataset)!.AllTexts().First(text => text.StartsWith(liker.Text![..20], StringComparison.Ordinal));
        model.ItemTextChanged(other, likedText);
        var after = model.RankOf(liker.UserId, otherRow, exclude);

        Assert.True(after < before && after <= 2, $"rank {before} -> {after}");
    }

    public void Dispose() => _slice.Dispose();

    private (InteractionDataset Dataset, ItemCatalogIndex Catalog) LoadAndEncode()
    {
        var dataset = DatasetLoader.Load(_slice.Folder);
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = EncoderPath });
        return (dataset, ItemCatalogIndex.Encode(dataset, encoder));
    }
}
