using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;
using static Seed.Grains.Tests.ShardItems;

namespace Seed.Grains.Tests;

/// <summary><see cref="CatalogShardIndex"/> ranking without a grain: top-K, filters, item ranks and the compact scan.</summary>
public sealed class CatalogShardIndexRankingTests
{
    [Fact]
    public void A_cold_query_lists_by_popularity_and_equal_counts_by_id_ordinally()
    {
        var index = NewIndex();
        index.Upsert(
            Item("b", Toward(0.9), popularity: 5),
            Item("d", Toward(0.8), popularity: 1),
            Item("a", Toward(0.7), popularity: 5),
            Item("c", Toward(0.6), popularity: 9),
            Item("B", Toward(0.5), popularity: 5));

        var all = index.TopK(Cold(), includeVectors: false);
        var top2 = index.TopK(Cold(k: 2), includeVectors: false);

        // Ordinal: "B" (0x42) sorts before "a" and "b"; a culture-aware or row-order tie-break would not give this.
        Assert.Equal(["c", "B", "a", "b", "d"], all.Ids());
        Assert.Equal([9f, 5f, 5f, 5f, 1f], all.Select(item => item.Score));
        Assert.Equal(["c", "B"], top2.Ids());
    }

    [Fact]
    public void Cold_lists_asked_between_upserts_keep_the_id_order_and_the_popularity_of_rows_added_and_replaced()
    {
        // Ids in shuffled order over several upserts, with a cold query after each: rows added since the last query
        // are merged into the id order and the popularity array, not rebuilt, and must rank as a fresh shard would.
        var random = new Random(7);
        var ids = Enumerable.Range(0, 500).Select(i => $"id-{random.Next(1_000_000):D6}-{i}").OrderBy(_ => random.Next()).ToList();
        var index = NewIndex();
        var popularity = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(37))
        {
            index.Upsert([.. chunk.Select(id => Item(id, Toward(0.5), popularity: popularity[id] = random.Next(3)))]);
            var replaced = popularity.Keys.First();
            index.Upsert(Item(replaced, Toward(0.5), popularity: popularity[replaced] += 1));

            var listed = index.TopK(Cold(k: 1000), includeVectors: false);

            var expected = popularity.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(pair => pair.Key), listed.Ids());
            Assert.Equal(expected.Select(pair => (float)pair.Value), listed.Select(item => item.Score));
        }
    }

    [Fact]
    public void A_personalised_query_lists_by_cosine_whatever_the_popularity()
    {
        var index = NewIndex();
        index.Upsert(
            Item("low", Toward(0.1), popularity: 100),
            Item("high", Toward(0.9)),
            Item("mid", Toward(0.5), popularity: 50),
            Item("away", [0f, 0f, 1f, 0f], popularity: 1000));

        var listed = index.TopK(Personal(AxisX, k: 3), includeVectors: true);

        Assert.Equal(["high", "mid", "low"], listed.Ids());
        Assert.Equal([0.9f, 0.5f, 0.1f], listed.Select(item => item.Score), new ToleranceComparer(1e-5f));
        // The vectors the MMR re-ranker gets are the unit ranking rows.
        Assert.Equal(Toward(0.9), listed[0].Vector!, new ToleranceComparer(1e-6f));
        Assert.All(index.TopK(Personal(AxisX), includeVectors: false), item => Assert.Null(item.Vector));
    }

    [Fact]
    public void Excluded_ids_are_left_out_and_unknown_ones_ignored()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9), popularity: 3), Item("b", Toward(0.5), popularity: 2), Item("c", Toward(0.1), popularity: 1));

        var query = new CatalogQuery { K = 10, ExcludeItemIds = ["a", "not-here"] };

        Assert.Equal(["b", "c"], index.TopK(query, includeVectors: false).Ids());
        Assert.Equal(["b", "c"], index.TopK(query with { Vector = AxisX }, includeVectors: false).Ids());
    }

    [Fact]
    public void Category_filters_are_case_insensitive_and_combine()
    {
        var index = NewIndex();
        index.Upsert(
            Item("book", Toward(0.9), categories: ["Books"]),
            Item("cd", Toward(0.8), categories: ["Music"]),
            Item("audiobook", Toward(0.7), categories: ["books", "Audio"]),
            Item("plain", Toward(0.6)));
        var query = Personal(AxisX);

        Assert.Equal(["book", "audiobook"], index.TopK(query with { IncludeCategories = ["BOOKS"] }, false).Ids());
        Assert.Equal(["book", "cd", "audiobook"], index.TopK(query with { IncludeCategories = ["music", "Books"] }, false).Ids());
        Assert.Equal(["cd", "plain"], index.TopK(query with { ExcludeCategories = ["bOOks"] }, false).Ids());
        Assert.Equal(["book"], index.TopK(query with { IncludeCategories = ["books"], ExcludeCategories = ["AUDIO"] }, false).Ids());
        Assert.Empty(index.TopK(query with { IncludeCategories = ["Garden"] }, false));
        Assert.Equal(["audiobook", "book"], index.TopK(Cold() with { IncludeCategories = ["Books"] }, false).Ids()); // equal counts: by id
    }

    [Fact]
    public void Recategorising_an_item_moves_it_between_category_filters()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9), categories: ["Books"]), Item("b", Toward(0.5), categories: ["Books"]));
        var books = Personal(AxisX) with { IncludeCategories = ["Books"] };
        var music = Personal(AxisX) with { IncludeCategories = ["Music"] };
        Assert.Equal(["a", "b"], index.TopK(books, false).Ids());

        index.Upsert(Item("a", Toward(0.9), categories: ["Music"]));

        Assert.Equal(["b"], index.TopK(books, false).Ids());
        Assert.Equal(["a"], index.TopK(music, false).Ids());
        Assert.Equal(["b"], index.TopK(Personal(AxisX) with { ExcludeCategories = ["music"] }, false).Ids());
    }

    public static TheoryData<string, CatalogQuery> RankQueries => new()
    {
        { "cold", Cold() },
        { "cold, filtered", Cold() with { ExcludeItemIds = ["p3"], ExcludeCategories = ["Odd"] } },
        { "personalised", Personal(AxisX) },
        { "personalised, filtered", Personal(Toward(0.6)) with { ExcludeItemIds = ["p4"], IncludeCategories = ["Even", "odd"] } },
    };

    [Theory]
    [MemberData(nameof(RankQueries))]
    public void ScoreItem_and_CountRankedAhead_agree_with_the_TopK_order(string because, CatalogQuery query)
    {
        var index = NewIndex();
        index.Upsert([.. Enumerable.Range(0, 12).Select(i => Item(
            "p" + i,
            Toward(((i * 7) % 12) / 12.0),
            popularity: i % 4, // ties in the cold order, broken by id
            categories: [i % 2 == 0 ? "Even" : "Odd"]))]);
        var listed = index.TopK(query, includeVectors: false);
        Assert.True(listed.Count >= 5, because);

        for (var position = 0; position < listed.Count; position++)
        {
            var item = listed[position];
            var rank = index.ScoreItem(query, item.ItemId);
            var count = index.CountRankedAhead(query, rank.Score, item.ItemId);
            Assert.True(rank.Found && rank.Eligible, $"{because}: {item.ItemId}");
            Assert.Equal(item.Score, rank.Score);
            Assert.Equal(position, count.Ahead);
            Assert.Equal(listed.Count, count.Eligible);
        }

        foreach (var left in Enumerable.Range(0, 12).Select(i => "p" + i).Except(listed.Ids()))
        {
            var rank = index.ScoreItem(query, left);
            Assert.True(rank.Found && !rank.Eligible, $"{because}: {left} is filtered out and must say so");
        }

        Assert.False(index.ScoreItem(query, "missing").Found);
    }

    [Theory]
    [InlineData(16_384)] // the float scan
    [InlineData(1)] // the compact scan
    public void Equal_personalised_scores_are_listed_by_id_as_ranks_and_the_shard_merge_order_them(int compactScanMinRows)
    {
        var index = NewIndex(compactScanMinRows);
        // Identical texts give identical vectors: "b" and "d" come first in row order, "a" and "c" first by id.
        index.Upsert(
            Item("d", Toward(0.9)), Item("top", Toward(0.95)), Item("c", Toward(0.9)),
            Item("b", Toward(0.5)), Item("a", Toward(0.5)), Item("low", Toward(0.1)));
        var query = Personal(AxisX);

        Assert.Equal(["top", "c"], index.TopK(query with { K = 2 }, false).Ids());
        Assert.Equal(["top", "c", "d", "a"], index.TopK(query with { K = 4 }, false).Ids());
        Assert.Equal(["top", "c", "d", "a", "b", "low"], index.TopK(query, false).Ids());
        Assert.Equal(["top", "d", "a"], index.TopK(query with { K = 3, ExcludeItemIds = ["c"] }, false).Ids());
        var b = index.ScoreItem(query, "b");
        Assert.Equal(4, index.CountRankedAhead(query, b.Score, "b").Ahead);
    }

    [Theory]
    [InlineData(16_384)] // the float scan
    [InlineData(1)] // the compact scan
    public void A_tie_many_times_larger_than_K_at_the_cut_lists_the_lowest_ids_of_the_whole_tie(int compactScanMinRows)
    {
        // 60 identical texts in shuffled id order: the selectors are asked again for more rows until the tie ends.
        var random = new Random(3);
        var tied = Enumerable.Range(0, 60).Select(i => $"tie-{i:D2}").OrderBy(_ => random.Next()).ToList();
        var index = NewIndex(compactScanMinRows);
        index.Upsert([Item("best", Toward(0.99)), .. tied.Select(id => Item(id, Toward(0.7))), Item("worst", Toward(0.2))]);
        var query = Personal(AxisX);

        Assert.Equal(["best", "tie-00", "tie-01", "tie-02", "tie-03"], index.TopK(query with { K = 5 }, false).Ids());
        Assert.Equal(["best", .. Enumerable.Range(0, 60).Select(i => $"tie-{i:D2}"), "worst"], index.TopK(query, false).Ids());
        Assert.Equal(["tie-01", "tie-02"], index.TopK(query with { K = 2, ExcludeItemIds = ["best", "tie-00"] }, false).Ids());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void The_compact_scan_starts_at_CompactScanMinRows_and_ranks_as_the_float_scan(int bits)
    {
        const int dimension = 16;
        var random = new Random(17);
        var items = Enumerable.Range(0, 60).Select(i => Item("r" + i, RandomUnit(random, dimension), categories: [i % 3 == 0 ? "Three" : "Other"])).ToArray();
        var compact = NewIndex(compactScanMinRows: 40, compactScanBits: bits, dimension: dimension);
        var floats = NewIndex(dimension: dimension);

        compact.Load([.. compact.PlanUpsert(items[..39]).ShardItems]);
        Assert.False(compact.UsesCompactScan);
        compact.Upsert(items[39]);
        Assert.True(compact.UsesCompactScan);

        // Rows added and replaced after the compact copy exists must reach it too.
        var replacement = Item("r5", RandomUnit(random, dimension), categories: ["Three"]);
        compact.Upsert(items[40..]);
        compact.Upsert(replacement);
        floats.Upsert(items);
        floats.Upsert(replacement);
        Assert.False(floats.UsesCompactScan);
        for (var q = 0; q < 20; q++)
        {
            var query = Personal(RandomUnit(random, dimension), k: 1 + (q % 10)) with
            {
                ExcludeItemIds = q % 2 == 0 ? ["r" + q, "r" + (q + 1)] : [],
                ExcludeCategories = q % 5 == 0 ? ["three"] : [],
            };
            var expected = floats.TopK(query, includeVectors: false);
            var actual = compact.TopK(query, includeVectors: false);
            Assert.Equal(expected.Ids(), actual.Ids());
            Assert.Equal(expected.Select(item => item.Score), actual.Select(item => item.Score));
        }
    }

    private static float[] RandomUnit(Random random, int dimension)
    {
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        return [.. vector.Select(value => value / norm)];
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
