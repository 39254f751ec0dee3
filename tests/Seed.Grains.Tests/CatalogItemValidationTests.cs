using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;
using Seed.Grains.Catalog;

namespace Seed.Grains.Tests;

/// <summary>
/// An Orleans client reaches the catalog grains without the REST validator in front: the grains must refuse an item
/// whose popularity the ranking cannot use, say which item and field, and store nothing of the batch.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CatalogItemValidationTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task A_batch_with_an_unusable_popularity_is_refused_by_the_catalog_and_stores_nothing(double popularity)
    {
        var prefix = "v" + Guid.NewGuid().ToString("N")[..10];
        var good = new CatalogItem { Id = $"{prefix}-good", Title = "Telescope for planets", Popularity = 3 };
        var bad = new CatalogItem { Id = $"{prefix}-bad", Title = "Star map poster", Popularity = popularity };
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>(0);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => catalog.UpsertItemsAsync([good, bad]));

        Assert.Contains("Popularity", error.Message, StringComparison.Ordinal);
        Assert.Contains(bad.Id, error.Message, StringComparison.Ordinal);
        Assert.Equal([good.Id, bad.Id], await catalog.FindMissingAsync([good.Id, bad.Id]));
    }

    [Fact]
    public async Task A_shard_refuses_an_unusable_popularity_sent_to_it_directly_and_keeps_its_rows()
    {
        var prefix = "w" + Guid.NewGuid().ToString("N")[..10];
        // A shard number no other test uses: its row count must not move.
        var shard = fixture.Grains.GetGrain<ICatalogShardGrain>(900_001);
        var before = await shard.CountAsync();
        var bad = new EmbeddedItem
        {
            Item = new CatalogItem { Id = $"{prefix}-bad", Title = "Rocket model kit", Popularity = -0.5 },
            Embedding = new float[8],
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => shard.UpsertAsync([bad]));

        Assert.Contains("Popularity", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await shard.CountAsync());
    }

    [Theory]
    [InlineData("", 1.0, "Id")]
    [InlineData("  ", 1.0, "Id")]
    [InlineData("item-1", -0.001, "Popularity")]
    [InlineData("item-1", double.NegativeInfinity, "Popularity")]
    public void Rules_name_the_field_that_is_wrong(string id, double popularity, string field)
    {
        var items = new[] { new CatalogItem { Id = "fine", Title = "fine" }, new CatalogItem { Id = id, Title = "t", Popularity = popularity } };

        var error = Assert.Throws<ArgumentException>(() => CatalogItemRules.RequireValid(items, "items"));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Equal("items", error.ParamName);
    }

    [Fact]
    public void Rules_accept_zero_and_positive_popularity_and_reject_a_null_item()
    {
        CatalogItemRules.RequireValid([new CatalogItem { Id = "a", Title = "a" }, new CatalogItem { Id = "b", Title = "b", Popularity = 1e9 }], "items");

        var error = Assert.Throws<ArgumentException>(() => CatalogItemRules.RequireValid([null], "items"));
        Assert.Contains("null", error.Message, StringComparison.Ordinal);
    }
}
