using System.Globalization;
using BenchmarkDotNet.Attributes;
using Seed.Abstractions.Catalog;
using Seed.Core.Collaborative;

namespace Seed.Benchmarks;

/// <summary>
/// A catalog shard's co-like counts: a quarter of the catalog's items as rows, 64,000 likes' runs (each a row with the
/// 19 other items of the user's window, as a shard counts each live like), liked items drawn with a popularity skew; a
/// 1,000-item catalog (the single-event benchmark's, its counts in cache) and a 100,000-item one (about a million
/// distinct pairs, cache misses everywhere). Counting a run again, once every run was counted (a shard's steady state
/// between two flushes), and a query's weighted sum over 20 likes, for <see cref="CoLikeIndex"/> (each item's rows in
/// 64-byte buckets) against the per-item dictionaries it replaced (<see cref="DictionaryCoLikeCounts"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
public class CoLikeIndexBenchmarks
{
    private const int Runs = 64_000;
    private const int OthersPerRun = 19;
    private const int RunsPerInvoke = 1_000;
    private const int QueryLikes = 20;

    private float[] _accumulator = [];
    private (int Row, string[] Others)[] _runs = [];
    private CoLikeWeight[][] _queries = [];
    private CoLikeIndex _index = null!;
    private DictionaryCoLikeCounts _dictionaries = null!;
    private int _nextRun;
    private int _nextQuery;

    /// <summary>Items in the catalog; the shard holds a quarter of them as rows.</summary>
    [Params(1_000, 100_000)]
    public int CatalogItems { get; set; }

    private int Rows => CatalogItems / 4;

    [GlobalSetup]
    public void Setup()
    {
        _accumulator = new float[Rows];
        var random = new Random(20_261_207);
        string[] itemIds = [.. Enumerable.Range(0, CatalogItems).Select(i => "item-" + i.ToString(CultureInfo.InvariantCulture))];
        _runs = [.. Enumerable.Range(0, Runs).Select(_ => (Popular(random, Rows), Enumerable.Range(0, OthersPerRun).Select(_ => itemIds[Popular(random, CatalogItems)]).ToArray()))];
        // Every measured run was counted once already: the steady state of a shard between two flushes, where a like's
        // pairs mostly exist and are listed unsaved, so a count is the lookup and the increment.
        _index = new CoLikeIndex();
        _dictionaries = new DictionaryCoLikeCounts();
        foreach (var (row, others) in _runs)
        {
            foreach (var other in others)
            {
                _index.Increment(row, other);
                _dictionaries.Increment(row, other);
            }
        }

        _queries = [.. Enumerable.Range(0, 256).Select(_ => Enumerable.Range(0, QueryLikes).Select(_ => new CoLikeWeight(itemIds[Popular(random, CatalogItems)], random.NextSingle())).ToArray())];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RunsPerInvoke * OthersPerRun, Description = "Count a like's pairs: per-item dictionaries")]
    public void CountWithDictionaries()
    {
        for (var run = 0; run < RunsPerInvoke; run++)
        {
            var (row, others) = NextRun();
            foreach (var other in others)
            {
                _dictionaries.Increment(row, other);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = RunsPerInvoke * OthersPerRun, Description = "Count a like's pairs: CoLikeIndex")]
    public void CountWithIndex()
    {
        for (var run = 0; run < RunsPerInvoke; run++)
        {
            var (row, others) = NextRun();
            foreach (var other in others)
            {
                _index.Increment(row, other);
            }
        }
    }

    [Benchmark(Description = "Weighted sum of a 20-like query: per-item dictionaries")]
    public void AccumulateWithDictionaries() => _dictionaries.Accumulate(NextQuery(), _accumulator);

    [Benchmark(Description = "Weighted sum of a 20-like query: CoLikeIndex")]
    public void AccumulateWithIndex() => _index.Accumulate(NextQuery(), _accumulator);

    /// <summary>A skewed draw in [0, count): low indices are the popular items, as in a real catalog's likes.</summary>
    private static int Popular(Random random, int count) => (int)(count * Math.Pow(random.NextDouble(), 3));

    private (int Row, string[] Others) NextRun() => _runs[_nextRun++ % _runs.Length];

    private CoLikeWeight[] NextQuery() => _queries[_nextQuery++ % _queries.Length];
}
