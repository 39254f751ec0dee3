using System.Diagnostics;
using System.Globalization;
using Seed.Abstractions.Catalog;
using Seed.Core;
using Seed.Core.Interest;
using Seed.Encoders;
using Seed.Grains.Catalog;
using Seed.LoadTest.Workload;
using Seed.Storage;
using Seed.Storage.Embeddings;

namespace Seed.Benchmarks;

/// <summary>
/// Recall of the approximate scan on the load test's million-item catalog (<see cref="RealisticCatalog"/>, seed 42: the
/// items and text embeddings the silo serves, read from the file embedding store a load-test run filled, projected by
/// the shipped model's item tower, with its popularity prior), split over four shards as the silo splits it. What a
/// user gets is the four shards' lists merged, so recall is measured there: for each probe count, recall@10 and @20 of
/// the merged approximate list against the merged exact one (the share of the exact top K it holds), and the four
/// shards' summed time per top-20 query on one thread. Each query is a user-like interest: the normalised sum of 1 to
/// 5 random items' ranking vectors, those items excluded. Not a BenchmarkDotNet class: its figure is a recall, and
/// building the shards takes minutes.
/// </summary>
internal static class ApproximateScanRecallProbe
{
    private const int ShardCount = 4;
    private const int CatalogItems = 1_000_000;
    private const int Queries = 300;

    public static int Run(string encoderFingerprint, IReadOnlyList<int> probeCounts, int bits)
    {
        var clock = Stopwatch.StartNew();
        var dataset = new DatasetLoaderReader().Read(RepositoryPaths.Resolve(ShippedPaths.MovieLens));
        var words = new ReplayWorkload(dataset, 1, null, "").Items;
        var items = RealisticCatalog.Build(words, CatalogItems, seed: 42)
            .Select(item => new CatalogItem { Id = item.Id, Title = item.Title, Text = item.Text, Categories = item.Categories, Tags = item.Tags, Popularity = item.Popularity })
            .ToList();
        using var store = new FileTextEmbeddingStore(new EncoderOptions().ResolvedEmbeddingStoreDirectory);
        var embeddings = store.Get(encoderFingerprint, [.. items.Select(item => item.EmbeddingText())]);
        var missing = embeddings.Count(vector => vector is null);
        if (missing > 0)
        {
            Console.Error.WriteLine($"{missing:N0} of {items.Count:N0} texts are not in the {encoderFingerprint} store: run the million-item load test first.");
            return 2;
        }

        var stored = items.Select((item, i) => new StoredItem { Item = item, Embedding = embeddings[i]! }).ToList();
        var shards = Enumerable.Range(0, ShardCount)
            .Select(shard => stored.Where(item => CatalogSharding.ShardOf(item.Item.Id, ShardCount) == shard).ToList())
            .ToList();
        Console.WriteLine($"{stored.Count:N0} items read in {clock.Elapsed.TotalSeconds:F1} s");

        var model = InterestModel.Load(RepositoryPaths.Resolve(ShippedPaths.InterestModel));
        var tracker = new InterestTracker(new InterestOptions(), model, model.EmbeddingDim);
        clock.Restart();
        var exact = shards.Select(rows => Loaded(tracker, new CatalogOptions { ApproximateScanMinRows = int.MaxValue }, rows)).ToList();
        Console.WriteLine($"exact shards (4-bit copies) loaded in {clock.Elapsed.TotalSeconds:F1} s");
        var queries = UserLikeQueries(exact, stored);
        var expected10 = queries.Select(query => Merged(exact, query with { K = 10 })).ToList();
        var expected20 = queries.Select(query => Merged(exact, query with { K = 20 })).ToList();
        var exactSeconds = ListRecall.MeanSeconds(() => queries.ForEach(query => Merged(exact, query with { K = 20 })), queries.Count);
        Console.WriteLine($"exact 4-bit scan: {exactSeconds * 1e3:F2} ms per top-20 query (four shards)");
        exact.Clear();

        var options = new CatalogOptions { ApproximateScanBits = bits };
        clock.Restart();
        var approximate = shards.Select(rows => Loaded(tracker, options, rows)).ToList();
        Console.WriteLine($"{bits}-bit lists ({options.ApproximateScanListRows} rows per list) loaded in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine("probes | recall@10 | recall@20 | ms per top-20 query (four shards)");
        foreach (var probes in probeCounts)
        {
            options.ApproximateScanProbes = probes;
            var recall10 = ListRecall.Mean(queries.Select(query => Merged(approximate, query with { K = 10 })), expected10);
            var recall20 = ListRecall.Mean(queries.Select(query => Merged(approximate, query with { K = 20 })), expected20);
            var seconds = ListRecall.MeanSeconds(() => queries.ForEach(query => Merged(approximate, query with { K = 20 })), queries.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{probes,6} | {recall10,9:F4} | {recall20,9:F4} | {seconds * 1e3:F3}"));
        }

        return 0;
    }

    private static CatalogShardIndex Loaded(InterestTracker tracker, CatalogOptions options, List<StoredItem> rows)
    {
        var index = new CatalogShardIndex(tracker, options, rows.Count);
        index.Load(rows);
        return index;
    }

    /// <summary>The shards' lists merged as the silo merges them (score, then item id), cut to K.</summary>
    private static List<string> Merged(List<CatalogShardIndex> shards, CatalogQuery query) =>
        [.. shards.SelectMany(shard => shard.TopK(query, false))
            .OrderByDescending(item => item.Score)
            .ThenBy(item => item.ItemId, StringComparer.Ordinal)
            .Take(query.K)
            .Select(item => item.ItemId)];

    /// <summary>The normalised sum of 1 to 5 random items' ranking vectors (seeded).</summary>
    private static List<CatalogQuery> UserLikeQueries(List<CatalogShardIndex> shards, List<StoredItem> items)
    {
        var random = new Random(7);
        var queries = new List<CatalogQuery>(Queries);
        for (var q = 0; q < Queries; q++)
        {
            var likedIds = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => items[random.Next(items.Count)].Item.Id).ToList();
            var sum = new float[shards[0].Tracker.ItemTower.OutputDim];
            foreach (var id in likedIds)
            {
                var vector = RankingVector(shards[CatalogSharding.ShardOf(id, ShardCount)], id);
                for (var i = 0; i < vector.Length; i++)
                {
                    sum[i] += vector[i];
                }
            }

            var norm = MathF.Sqrt(sum.Sum(value => value * value));
            queries.Add(new CatalogQuery { K = 10, Vector = [.. sum.Select(value => value / norm)], ExcludeItemIds = likedIds });
        }

        return queries;
    }

    /// <summary>An item's ranking vector, projected from its embedding as the shard projects it.</summary>
    private static float[] RankingVector(CatalogShardIndex index, string id)
    {
        var embedding = index.Lookup([id])[0].Embedding!;
        var vector = new float[index.Tracker.ItemTower.OutputDim];
        index.Tracker.ItemTower.Project(embedding, vector);
        return vector;
    }
}
