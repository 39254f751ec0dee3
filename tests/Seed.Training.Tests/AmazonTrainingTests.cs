using Seed.Core.Interest;
using Seed.Datasets;
using Seed.Encoders;
using Seed.Testing;

namespace Seed.Training.Tests;

/// <summary>Training on Amazon reviews, whose item texts come from earlier reviews: inputs and candidates never see the future.</summary>
public sealed class AmazonTrainingTests
{
    private static readonly Lazy<(InteractionDataset Dataset, ItemCatalogIndex Catalog)> Data = new(() =>
    {
        var dataset = DatasetLoader.Load(SharedFolder.PathOf(SharedFolder.AmazonReviews));
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = TestData.Encoder });
        return (dataset, ItemCatalogIndex.Encode(dataset, encoder));
    });

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Each_input_uses_its_items_text_as_of_the_event()
    {
        var (dataset, catalog) = Data.Value;
        var corpus = TrainingCorpus.Build(dataset.Events, catalog, new InterestOptions(), 0.8, 0.1, 64);
        var reviewsByItem = dataset.Events.ToLookup(e => e.ItemId, StringComparer.Ordinal);
        var eventsByUser = dataset.Events.ToLookup(e => e.UserId, StringComparer.Ordinal);
        var checkedEvents = 0;
        foreach (var user in corpus.Users.Where((_, index) => index % 25 == 0))
        {
            var events = eventsByUser[user.UserId].Take(user.Length).ToList();
            for (var i = 0; i < user.Length; i++)
            {
                var earlier = reviewsByItem[events[i].ItemId].Where(e => e.Timestamp < events[i].Timestamp).Select(e => e.Text!).ToList();
                var expected = catalog.EventEmbedding(ItemEmbedding(catalog, events[i].ItemId, earlier), events[i].Text);
                Assert.Equal(expected, user.Features.AsSpan(i * corpus.InputSize, catalog.Dimension).ToArray());
                checkedEvents++;
            }
        }

        Assert.True(checkedEvents > 200, $"only {checkedEvents} events checked");
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Candidate_rows_of_each_bucket_hold_only_reviews_written_before_the_bucket_starts()
    {
        var (dataset, catalog) = Data.Value;
        var corpus = TrainingCorpus.Build(dataset.Events, catalog, new InterestOptions(), 0.8, 0.1, 64);
        var byBucket = corpus.ItemRowsByBucket!;
        var origin = dataset.Events[0].Timestamp;
        var rowSize = catalog.Count * catalog.Dimension;
        Assert.Equal(corpus.Popularity.BucketCount * rowSize, byBucket.Length);
        for (var bucket = 1; bucket < corpus.Popularity.BucketCount; bucket += 7)
        {
            var start = origin.AddSeconds(corpus.Popularity.BucketStarts[bucket]);
            foreach (var item in dataset.Items.Where((_, index) => index % 30 == 0))
            {
                var earlier = dataset.Events.Where(e => e.ItemId == item.Id && e.Timestamp < start).Select(e => e.Text!).ToList();
                catalog.TryGetRow(item.Id, out var row);
                Assert.Equal(ItemEmbedding(catalog, item.Id, earlier), byBucket.AsSpan((bucket * rowSize) + (row * catalog.Dimension), catalog.Dimension).ToArray());
            }
        }

        // Every target falls in a bucket that starts no later than the target itself.
        Assert.All(corpus.Users.SelectMany(user => user.TargetTimes.Where((_, i) => user.Targets[i] >= 0)),
            time => Assert.True(corpus.Popularity.BucketStarts[corpus.Popularity.BucketOf(time)] <= time));
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void A_short_run_trains_with_per_bucket_candidates_and_validates()
    {
        var (dataset, catalog) = Data.Value;
        var corpus = TrainingCorpus.Build(dataset.Events, catalog, new InterestOptions(), 0.8, 0.1, 32);
        var trainer = new InterestTrainer(corpus, new TrainingOptions { HiddenDim = 8, MaxEpochs = 2, Patience = 5, Threads = 1, SampledNegatives = 128 }, _ => { });

        trainer.Train();
        using var network = trainer.Network;

        Assert.All(trainer.Epochs, epoch => Assert.True(double.IsFinite(epoch.TrainLoss)));
        Assert.True(trainer.Epochs[1].TrainLoss < trainer.Epochs[0].TrainLoss, $"loss did not fall: {trainer.Epochs[0].TrainLoss} -> {trainer.Epochs[1].TrainLoss}");
        Assert.True(trainer.Epochs[0].Validation.Targets > 500);
        Assert.InRange(trainer.Epochs[1].Validation.HitRate10, 0.01, 1.0);
    }

    // An item before its first review is its base row (the asin); afterwards the encoded review aggregate.
    private static float[] ItemEmbedding(ItemCatalogIndex catalog, string itemId, List<string> earlierReviews)
    {
        catalog.TryGetRow(itemId, out var row);
        if (earlierReviews.Count == 0)
        {
            return catalog.Row(row).ToArray();
        }

        Assert.True(catalog.TryGetTextEmbedding(ReviewItemText.Compose(itemId, earlierReviews), out var embedding));
        return embedding;
    }
}
