using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;

namespace Seed.Grains.Tests;

public sealed class CatalogShardingTests
{
    /// <summary>
    /// Shard numbers are persisted with the items (PostgreSQL item store), so the hash must never change. Expected
    /// values are FNV-1a over the UTF-8 bytes computed outside .NET (Python), including ids that are not ASCII.
    /// </summary>
    [Theory]
    [InlineData("item-1", 4, 0)]
    [InlineData("item-1", 7, 2)]
    [InlineData("item-1", 4096, 992)]
    [InlineData("c100k-item-99999", 4096, 2632)]
    [InlineData("B00004Y2UT", 4, 1)]
    [InlineData("B00004Y2UT", 4096, 4021)]
    [InlineData("café-crème", 7, 4)]
    [InlineData("café-crème", 4096, 1772)]
    [InlineData("東京-42", 7, 3)]
    [InlineData("東京-42", 4096, 3116)]
    [InlineData("", 4096, 3525)]
    public void Shard_of_an_id_is_fnv1a_of_its_utf8_bytes(string itemId, int shardCount, int expected) =>
        Assert.Equal(expected, CatalogSharding.ShardOf(itemId, shardCount));

    [Fact]
    public void Each_shard_query_excludes_exactly_the_ids_that_shard_owns()
    {
        var excluded = Enumerable.Range(0, 200).Select(i => $"item-{i}").ToList();
        var query = new CatalogQuery
        {
            Vector = [0.6f, 0.8f],
            K = 20,
            ExcludeItemIds = excluded,
            IncludeCategories = ["jazz"],
            ExcludeCategories = ["metal"],
            DiversityLambda = 0.7f,
        };

        var queries = CatalogSharding.SplitExclusionsByShard(query, 4);

        Assert.Equal(4, queries.Length);
        for (var shard = 0; shard < queries.Length; shard++)
        {
            Assert.NotEmpty(queries[shard].ExcludeItemIds);
            Assert.All(queries[shard].ExcludeItemIds, id => Assert.Equal(shard, CatalogSharding.ShardOf(id, 4)));
            // Everything but the exclusions is the caller's query.
            Assert.Equal(query with { ExcludeItemIds = queries[shard].ExcludeItemIds }, queries[shard]);
        }

        Assert.Equal(excluded.Order(StringComparer.Ordinal), queries.SelectMany(q => q.ExcludeItemIds).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_shard_that_owns_none_of_the_excluded_ids_gets_an_empty_list()
    {
        var id = "only-one";
        var owner = CatalogSharding.ShardOf(id, 8);
        var queries = CatalogSharding.SplitExclusionsByShard(new CatalogQuery { K = 5, ExcludeItemIds = [id] }, 8);

        Assert.Equal([id], queries[owner].ExcludeItemIds);
        Assert.All(queries.Where((_, shard) => shard != owner), q => Assert.Empty(q.ExcludeItemIds));
    }

    [Fact]
    public void Queries_without_exclusions_are_shared_not_copied()
    {
        var query = new CatalogQuery { K = 10 };

        var queries = CatalogSharding.SplitExclusionsByShard(query, 4);

        Assert.All(queries, shardQuery => Assert.Same(query, shardQuery));
    }
}
