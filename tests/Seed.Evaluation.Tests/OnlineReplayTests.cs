using Microsoft.Extensions.DependencyInjection;
using Seed.Abstractions.Models;
using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Datasets;
using Seed.Encoders;
using Seed.Evaluation.Online;
using Seed.Testing;

namespace Seed.Evaluation.Tests;

/// <summary>
/// The online evaluation path against a real silo in this process: the replay sent through the Orleans client and
/// through the REST API must reproduce the offline replay of the same model event by event (no train/serve skew).
/// Data: the real ml-latest-small events of its first users, over the items they touched.
/// </summary>
public sealed class OnlineReplayTests
{
    private const int Users = 12;
    private const int K = 10;

    private const string MovieLensModel = "models/interest-lstm";
    private const string AmazonModel = "models/interest-lstm-amazon";

    private static readonly Lazy<(InteractionDataset Dataset, ItemCatalogIndex Catalog, ChronologicalSplit Split)> Slice = new(LoadSlice);

    [Fact]
    public async Task Replay_through_the_orleans_client_reproduces_every_offline_rank()
    {
        await using var silo = new EvaluationSiloFactory();
        _ = silo.Server; // starts the host
        await using var cluster = new OrleansEvaluationCluster(silo.Services.GetRequiredService<IGrainFactory>());

        await AssertOnlineEqualsOfflineAsync(cluster, Slice.Value, MovieLensModel);
    }

    [Fact]
    public async Task Replay_through_the_rest_api_reproduces_every_offline_rank()
    {
        await using var silo = new EvaluationSiloFactory();
        await using var cluster = new HttpEvaluationCluster(silo.CreateClient());

        await AssertOnlineEqualsOfflineAsync(cluster, Slice.Value, MovieLensModel);
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public async Task Replay_of_reviews_with_item_texts_refreshed_as_reviews_arrive_reproduces_every_offline_rank()
    {
        using var folder = new AmazonSlice(items: 60);
        var dataset = DatasetLoader.Load(folder.Folder);
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = EncoderPath });
        var catalog = ItemCatalogIndex.Encode(dataset, encoder);
        Assert.NotNull(catalog.ItemTexts);
        await using var silo = new EvaluationSiloFactory(interestModel: AmazonModel);
        await using var cluster = new HttpEvaluationCluster(silo.CreateClient());

        await AssertOnlineEqualsOfflineAsync(cluster, (dataset, catalog, ChronologicalSplit.AtQuantile(dataset.Events, EvaluationRunner.SplitQuantile)), AmazonModel);
    }

    [Fact]
    public async Task A_catalog_that_already_counted_interactions_is_refused()
    {
        await using var silo = new EvaluationSiloFactory();
        await using var cluster = new HttpEvaluationCluster(silo.CreateClient());
        var (dataset, catalog, split) = Slice.Value;
        await ClusterRecommender.PrepareCatalogAsync(cluster, dataset.Items, CancellationToken.None);
        var purchase = split.History.First(PositiveInteraction.IsPositive);
        await cluster.SendEventsAsync("someone", [new() { EventId = "x1", Type = Abstractions.EventType.Purchase, ItemId = purchase.ItemId, Timestamp = purchase.Timestamp }], CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterRecommender.PrepareCatalogAsync(cluster, dataset.Items, CancellationToken.None));

        Assert.Contains("already counts interactions", refused.Message, StringComparison.Ordinal);
        Assert.Contains(purchase.ItemId, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seen_item_window_shorter_than_a_users_history_is_refused()
    {
        await using var silo = new EvaluationSiloFactory(recentItemCount: 5);
        await using var cluster = new HttpEvaluationCluster(silo.CreateClient());
        var (dataset, catalog, split) = Slice.Value;
        await ClusterRecommender.PrepareCatalogAsync(cluster, dataset.Items, CancellationToken.None);
        var model = new ClusterRecommender("lstm@http", cluster, catalog, "short-");

        var refused = Assert.Throws<InvalidOperationException>(() => ReplayEvaluator.Evaluate(model, split.History, split.Test, catalog, K));

        Assert.Contains("RecentItemCount", refused.Message, StringComparison.Ordinal);
    }

    private static string EncoderPath => TestData.Encoder;

    private static async Task AssertOnlineEqualsOfflineAsync(
        IEvaluationCluster cluster,
        (InteractionDataset Dataset, ItemCatalogIndex Catalog, ChronologicalSplit Split) data,
        string modelPath)
    {
        var (dataset, catalog, split) = data;
        Assert.True(InterestModel.TryLoad(Core.RepositoryPaths.Resolve(modelPath), out var interestModel, out var reason), reason);
        var offline = new InterestTrackerRecommender("lstm", new InterestTracker(new InterestOptions(), interestModel, catalog.Dimension), catalog, new PopularityRanking(catalog, split.History));
        var offlineRanks = new List<int>();
        var offlineMetrics = ReplayEvaluator.Evaluate(offline, split.History, split.Test, catalog, K, targetRanks: offlineRanks);

        // The committed models rank with the live co-like term, and on this slice it moves ranks: parity covers it.
        Assert.True(interestModel!.CoLike.IsEnabled, $"{modelPath} has no co-like term");
        var withoutCoLike = new InterestTrackerRecommender(
            "lstm", new InterestTracker(new InterestOptions(), interestModel, catalog.Dimension), catalog, new PopularityRanking(catalog, split.History), CoLikeSettings.Disabled);
        var ranksWithoutCoLike = new List<int>();
        ReplayEvaluator.Evaluate(withoutCoLike, split.History, split.Test, catalog, K, targetRanks: ranksWithoutCoLike);
        Assert.NotEqual(ranksWithoutCoLike, offlineRanks);

        Assert.Equal(InterestModelMode.Learned, (await cluster.DescribeModelsAsync(CancellationToken.None)).InterestModelMode);
        await ClusterRecommender.PrepareCatalogAsync(cluster, dataset.Items, CancellationToken.None);
        var online = new ClusterRecommender("lstm@" + cluster.Transport, cluster, catalog, "parity-");
        var onlineRanks = new List<int>();
        var onlineMetrics = ReplayEvaluator.Evaluate(online, split.History, split.Test, catalog, K, targetRanks: onlineRanks);

        Assert.True(offlineRanks.Count > 30, $"only {offlineRanks.Count} evaluated events");
        Assert.Contains(offlineRanks, rank => rank is > 0 and <= K);
        Assert.Equal(offlineRanks, onlineRanks);
        Assert.Equal(offlineMetrics with { Name = online.Name }, onlineMetrics);
    }

    private static (InteractionDataset, ItemCatalogIndex, ChronologicalSplit) LoadSlice()
    {
        var full = DatasetLoader.Load(TestData.MovieLens);
        var users = full.Events.Select(e => e.UserId).Distinct(StringComparer.Ordinal).OrderBy(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).Take(Users).ToHashSet(StringComparer.Ordinal);
        var events = full.Events.Where(e => users.Contains(e.UserId)).ToList();
        var touched = events.Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal);
        var dataset = new InteractionDataset("ml-slice", [.. full.Items.Where(item => touched.Contains(item.Id))], events);
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = EncoderPath });
        var catalog = ItemCatalogIndex.Encode(dataset, encoder);
        return (dataset, catalog, ChronologicalSplit.AtQuantile(events, EvaluationRunner.SplitQuantile));
    }
}
