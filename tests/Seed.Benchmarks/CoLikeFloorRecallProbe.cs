using System.Globalization;
using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;

namespace Seed.Benchmarks;

/// <summary>
/// What <see cref="CatalogOptions.ApproximateScanCoLikeFloor"/> costs in results and saves in time, on the shard
/// <see cref="CoLikedShardBenchmarks"/> ranks (250,000 rows after a Zipf like history of 3,000 users): for each floor,
/// recall@10 and @20 of the shard's list against its list with the exact co-like term (floor 0), and the time per
/// top-20 query on one thread, over 200 users' queries. Not a BenchmarkDotNet class: its figure is a recall.
/// </summary>
internal static class CoLikeFloorRecallProbe
{
    private const int Rows = 250_000;
    private const int Users = 3_000;
    private const int LikesPerUser = 20;
    private const int QueryUsers = 200;
    private const int TimedRounds = 5;

    public static int Run(IReadOnlyList<double> floors)
    {
        var random = new Random(13);
        var shard = SyntheticShard.Build(Rows, random);
        var likesByUser = shard.ReportZipfLikes(Users, LikesPerUser, random);
        var queries = likesByUser[^QueryUsers..]
            .Select(likes => shard.WithCoLikes(shard.Query(21, likes, random), likes))
            .ToList();

        shard.Options.ApproximateScanCoLikeFloor = 0;
        var exact10 = queries.Select(query => TopIds(shard, query with { K = 10 })).ToList();
        var exact20 = queries.Select(query => TopIds(shard, query with { K = 20 })).ToList();
        Console.WriteLine("floor | recall@10 | recall@20 | μs per top-20 query");
        foreach (var floor in floors)
        {
            shard.Options.ApproximateScanCoLikeFloor = floor;
            var recall10 = ListRecall.Mean(queries.Select(query => TopIds(shard, query with { K = 10 })), exact10);
            var recall20 = ListRecall.Mean(queries.Select(query => TopIds(shard, query with { K = 20 })), exact20);
            var seconds = ListRecall.MeanSeconds(
                () =>
                {
                    for (var round = 0; round < TimedRounds; round++)
                    {
                        queries.ForEach(query => shard.Index.TopK(query with { K = 20 }, includeVectors: false));
                    }
                },
                TimedRounds * queries.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{floor,5} | {recall10,9:F4} | {recall20,9:F4} | {seconds * 1e6:F0}"));
        }

        return 0;
    }

    private static HashSet<string> TopIds(SyntheticShard shard, CatalogQuery query) =>
        [.. shard.Index.TopK(query, includeVectors: false).Select(item => item.ItemId)];
}
