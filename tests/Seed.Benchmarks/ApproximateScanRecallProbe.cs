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
/// Recall of the approximate scan on one shard of the load test's million-item catalog (<see cref="RealisticCatalog"/>,
/// seed 42, shard 0 of 4: the items and text embeddings the silo serves, read from the file embedding store a
/// load-test run filled, projected by the shipped model's item tower, with its popularity prior). Each query is a
/// user-like interest: the normalised sum of 1 to 5 random items' ranking vectors. For each probe count it reports
/// recall@10 and @100 against the exact scan (the share of the exact top K the approximate list holds) and the mean
/// time per query on one thread; the index is built once, its build time reported. Not a BenchmarkDotNet class: its
/// figure is a recall, and building the shard takes a minute.
/// </summary>
internal static class ApproximateScanRecallProbe
{
    private const int ShardCount = 4;
    private const int CatalogItems = 1_000_000;
    private const int Queries = 300;

    public static int Run(string encoderFingerprint, IReadOnlyList<int> probeCounts)
    {
        var clock = Stopwatch.StartNew();
        var dataset = new DatasetLoaderReader().Read(RepositoryPaths.Resolve(ShippedPaths.MovieLens));
        var words = new ReplayWorkload(dataset, 1, null, "").Items;
        var shardItems = RealisticCatalog.Build(words, CatalogItems, seed: 42)
            .Where(item => CatalogSharding.ShardOf(item.Id, ShardCount) == 0)
            .Select(item => new CatalogItem { Id = item.Id, Title = item.Title, Text = item.Text, Categories = item.Categories, Tags = item.Tags, Popularity = item.Popularity })
            .ToList();
        using var store = new FileTextEmbeddingStore(new EncoderOptions().ResolvedEmbeddingStoreDirectory);
        var embeddings = store.Get(encoderFingerprint, [.. shardItems.Select(item => item.EmbeddingText())]);
        var missing = embeddings.Count(vector => vector is null);
        if (missing > 0)
        {
            Console.Error.WriteLine($"{missing:N0} of {shardItems.Count:N0} texts are not in the {encoderFingerprint} store: run the million-item load test first.");
            return 2;
        }

        var stored = shardItems.Select((item, i) => new StoredItem { Item = item, Embedding = embeddings[i]! }).ToList();
        Console.WriteLine($"shard 0: {stored.Count:N0} items read in {clock.Elapsed.TotalSeconds:F1} s");

        var model = InterestModel.Load(RepositoryPaths.Resolve(ShippedPaths.InterestModel));
        var tracker = new InterestTracker(new InterestOptions(), model, model.EmbeddingDim);
        clock.Restart();
        var exact = new CatalogShardIndex(tracker, new CatalogOptions { ApproximateScanMinRows = int.MaxValue }, stored.Count);
        exact.Load(stored);
        Console.WriteLine($"load without the index (4-bit copy): {clock.Elapsed.TotalSeconds:F1} s");
        var queries = UserLikeQueries(exact, stored);
        var expected10 = queries.Select(query => exact.TopK(query with { K = 10 }, false).Ids()).ToList();
        var expected100 = queries.Select(query => exact.TopK(query with { K = 100 }, false).Ids()).ToList();
        var exactSeconds = MeanSeconds(() => queries.ForEach(query => exact.TopK(query with { K = 20 }, false)), queries.Count);
        Console.WriteLine($"exact 4-bit scan: {exactSeconds * 1e3:F2} ms per top-20 query");

        foreach (var bits in new[] { 4, 8 })
        {
            var options = new CatalogOptions { ApproximateScanBits = bits };
            clock.Restart();
            var approximate = new CatalogShardIndex(tracker, options, stored.Count);
            approximate.Load(stored);
            Console.WriteLine($"{bits}-bit lists: load with the index ({options.ApproximateScanListRows} rows per list) {clock.Elapsed.TotalSeconds:F1} s");
            ReportProbes(approximate, options, probeCounts, queries, expected10, expected100);
        }

        return 0;
    }

    private static void ReportProbes(
        CatalogShardIndex approximate, CatalogOptions options, IReadOnlyList<int> probeCounts, List<CatalogQuery> queries, List<List<string>> expected10, List<List<string>> expected100)
    {
        Console.WriteLine("probes | recall@10 | recall@100 | ms per top-20 query");
        foreach (var probes in probeCounts)
        {
            options.ApproximateScanProbes = probes;
            var recall10 = Recall(queries.Select(query => approximate.TopK(query with { K = 10 }, false).Ids()), expected10);
            var recall100 = Recall(queries.Select(query => approximate.TopK(query with { K = 100 }, false).Ids()), expected100);
            var seconds = MeanSeconds(() => queries.ForEach(query => approximate.TopK(query with { K = 20 }, false)), queries.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{probes,6} | {recall10,9:F4} | {recall100,10:F4} | {seconds * 1e3:F3}"));
        }
    }

    /// <summary>The normalised sum of 1 to 5 random items' ranking vectors (seeded).</summary>
    private static List<CatalogQuery> UserLikeQueries(CatalogShardIndex index, List<StoredItem> items)
    {
        var random = new Random(7);
        var queries = new List<CatalogQuery>(Queries);
        for (var q = 0; q < Queries; q++)
        {
            var likedIds = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => items[random.Next(items.Count)].Item.Id).ToList();
            var sum = new float[index.Tracker.ItemTower.OutputDim];
            foreach (var id in likedIds)
            {
                var vector = RankingVector(index, id);
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

    private static double Recall(IEnumerable<List<string>> actual, List<List<string>> expected) =>
        actual.Zip(expected, (found, wanted) => (double)found.Intersect(wanted).Count() / Math.Max(1, wanted.Count)).Average();

    private static double MeanSeconds(Action run, int count)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds / count;
    }

    private static List<string> Ids(this IReadOnlyList<ScoredItem> items) => [.. items.Select(item => item.ItemId)];
}
