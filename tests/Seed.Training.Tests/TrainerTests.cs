using Seed.Core.Interest;

namespace Seed.Training.Tests;

/// <summary>The trainer on real data (ml-latest-small history), kept small: hidden size 8, two epochs.</summary>
public sealed class TrainerTests(MovieLensFixture data) : IClassFixture<MovieLensFixture>
{
    [Fact]
    public void Same_seed_gives_identical_weights_and_the_loss_falls()
    {
        var corpus = data.Corpus(new InterestOptions());
        var first = Train(corpus);
        var second = Train(corpus);

        Assert.Equal(first.Weights.Keys, second.Weights.Keys);
        foreach (var (name, values) in first.Weights)
        {
            Assert.True(values.SequenceEqual(second.Weights[name]), $"tensor {name} differs between two runs with the same seed");
        }

        Assert.Equal(2, first.Epochs.Count);
        Assert.True(first.Epochs[1].TrainLoss < first.Epochs[0].TrainLoss, $"loss did not fall: {first.Epochs[0].TrainLoss} -> {first.Epochs[1].TrainLoss}");
        Assert.True(first.Epochs[0].Validation.Targets > 1000);
        Assert.InRange(first.Epochs[1].Validation.HitRate10, 0.01, 1.0);
    }

    [Fact]
    public void Popularity_timeline_counts_only_events_strictly_before_each_bucket_start()
    {
        var timeline = new PopularityTimeline([(10, 0), (20, 1), (20, 1), (30, 0), (40, 2)], rowCount: 3, bucketCount: 5);

        Assert.Equal(0, timeline.BucketOf(double.MinValue));
        var bucket = timeline.BucketOf(30);
        Assert.Equal(30, timeline.BucketStarts[bucket]);
        // Before t = 30: item 0 once, item 1 twice, item 2 never.
        Assert.Equal((float)Math.Log(2), timeline.LogCounts[(bucket * 3) + 0], 6);
        Assert.Equal((float)Math.Log(3), timeline.LogCounts[(bucket * 3) + 1], 6);
        Assert.Equal(0f, timeline.LogCounts[(bucket * 3) + 2]);
        Assert.Equal([2.0, 2.0, 1.0], timeline.TotalCounts);
    }

    [Fact]
    public void Bad_options_are_rejected_naming_the_option()
    {
        Assert.Contains("--hidden", Assert.Throws<ArgumentException>(() => TrainingCommand.Parse(["--hidden", "0"])).Message, StringComparison.Ordinal);
        Assert.Contains("--lr", Assert.Throws<ArgumentException>(() => TrainingCommand.Parse(["--lr", "fast"])).Message, StringComparison.Ordinal);
        Assert.Contains("--frobnicate", Assert.Throws<ArgumentException>(() => TrainingCommand.Parse(["--frobnicate"])).Message, StringComparison.Ordinal);
        Assert.Contains("--data", Assert.Throws<ArgumentException>(() => TrainingCommand.Parse(["--data", "/nonexistent/seed"])).Message, StringComparison.Ordinal);
    }

    private static (Dictionary<string, float[]> Weights, IReadOnlyList<EpochResult> Epochs) Train(TrainingCorpus corpus)
    {
        var options = new TrainingOptions { HiddenDim = 8, MaxEpochs = 2, Patience = 5, Threads = 1, SampledNegatives = 256 };
        var trainer = new InterestTrainer(corpus, options, _ => { });
        trainer.Train();
        using var network = trainer.Network;
        var weights = network.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.reshape(-1).data<float>().ToArray());
        return (weights, trainer.Epochs);
    }
}
