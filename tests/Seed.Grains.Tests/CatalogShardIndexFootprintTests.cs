using Seed.Abstractions.Catalog;
using static Seed.Grains.Tests.ShardItems;

namespace Seed.Grains.Tests;

/// <summary>
/// <see cref="Catalog.CatalogShardIndex.Footprint"/>: the bytes a shard reports follow from its items (rows × dimension
/// × 4 for the float rows, the compact copy once built, 2 bytes per character plus 22 per string).
/// </summary>
public sealed class CatalogShardIndexFootprintTests
{
    private const int Dimension = 128;
    private const int ArrayHeader = 24;

    [Fact]
    public void An_empty_shard_reports_no_items_and_no_per_item_bytes()
    {
        var footprint = NewIndex(dimension: Dimension).Footprint();

        Assert.Equal(0, footprint.ItemCount);
        Assert.Equal(0, footprint.EmbeddingBytes);
        Assert.Equal(0, footprint.TextBytes);
        Assert.Equal(0, footprint.CompactVectorBytes);
        Assert.Equal(0, footprint.BytesPerItem);
    }

    [Fact]
    public void The_footprint_sums_vectors_compact_copy_embeddings_and_strings_of_every_item()
    {
        const int count = 3000;
        var index = NewIndex(compactScanMinRows: 1000, dimension: Dimension);
        var items = Enumerable.Range(0, count).Select(i => Wide("item-" + i, i, ["Drama", "Comedy"])).ToArray();
        foreach (var chunk in items.Chunk(256))
        {
            index.Upsert(chunk);
        }

        var footprint = index.Footprint();

        Assert.Equal(count, footprint.ItemCount);
        long floatRows = (long)count * Dimension * sizeof(float);
        Assert.InRange(footprint.RankingVectorBytes, floatRows, 2 * floatRows);
        // 4-bit: 64 bytes of codes per 128 values plus a scale and a residual norm per row.
        long compactRows = (long)count * ((Dimension / 2) + (2 * sizeof(float)));
        Assert.InRange(footprint.CompactVectorBytes, compactRows, 2 * compactRows);
        Assert.Equal(count * (ArrayHeader + (Dimension * sizeof(float))), footprint.EmbeddingBytes);
        Assert.Equal(items.Sum(item => StringBytes(item.Item)), footprint.TextBytes);
        Assert.True(footprint.IndexBytes > count * 8, $"index bytes {footprint.IndexBytes} must cover at least a row slot per item");
        Assert.Equal(footprint.RankingVectorBytes + footprint.CompactVectorBytes + footprint.EmbeddingBytes + footprint.TextBytes + footprint.IndexBytes, footprint.TotalBytes);
        Assert.Equal((double)footprint.TotalBytes / count, footprint.BytesPerItem);
    }

    [Fact]
    public void Replacing_an_item_swaps_its_bytes_instead_of_adding_them()
    {
        var index = NewIndex(dimension: Dimension);
        index.Upsert(Wide("a", 1, ["Drama"]), Wide("b", 2, []));
        var before = index.Footprint();

        index.Upsert(Wide("a", 3, ["Drama"]) with { Item = new CatalogItem { Id = "a", Title = "a much longer title", Categories = ["Drama"] } });
        var after = index.Footprint();

        Assert.Equal(2, after.ItemCount);
        Assert.Equal(before.EmbeddingBytes, after.EmbeddingBytes);
        Assert.Equal(before.TextBytes + (2 * ("a much longer title".Length - "title of a".Length)), after.TextBytes);
    }

    [Fact]
    public void Shard_footprints_add_up_field_by_field()
    {
        var one = new CatalogFootprint { ItemCount = 2, RankingVectorBytes = 10, CompactVectorBytes = 1, EmbeddingBytes = 20, TextBytes = 5, IndexBytes = 7, CoLikeBytes = 100 };
        var two = new CatalogFootprint { ItemCount = 3, RankingVectorBytes = 30, CompactVectorBytes = 2, EmbeddingBytes = 40, TextBytes = 6, IndexBytes = 8, CoLikeBytes = 200 };

        var total = CatalogFootprint.Empty.Plus(one).Plus(two);

        Assert.Equal(new CatalogFootprint { ItemCount = 5, RankingVectorBytes = 40, CompactVectorBytes = 3, EmbeddingBytes = 60, TextBytes = 11, IndexBytes = 15, CoLikeBytes = 300 }, total);
        Assert.Equal(129, total.TotalBytes);
    }

    [Fact]
    public void Co_like_counts_are_reported_apart_from_the_items_bytes()
    {
        var index = NewIndex(dimension: Dimension);
        index.Upsert(Wide("a", 1, ["Drama"]), Wide("b", 2, []), Wide("c", 3, []));
        var before = index.Footprint();
        Assert.Equal(0, before.CoLikeBytes);

        index.Report(new InteractionReport { CoLikes = [new CoLikeRun("a", ["b", "c"]), new CoLikeRun("a", ["b", "c"], OthersFirst: true)] });
        var after = index.Footprint();

        // Four pairs in four item maps: each map at least its object, its array and one 64-byte bucket.
        Assert.True(after.CoLikeBytes >= 4 * (16 + 16 + 24 + 64), $"co-like bytes {after.CoLikeBytes} must cover four maps");
        Assert.Equal(before.TotalBytes, after.TotalBytes);
        Assert.Equal(before.BytesPerItem, after.BytesPerItem);
    }

    /// <summary>An item with a <see cref="Dimension"/>-long embedding, varied by <paramref name="seed"/>.</summary>
    private static EmbeddedItem Wide(string id, int seed, string[] categories)
    {
        var embedding = new float[Dimension];
        var random = new Random(seed);
        for (var i = 0; i < Dimension; i++)
        {
            embedding[i] = (float)(random.NextDouble() - 0.5);
        }

        return Item(id, embedding, categories: categories);
    }

    private static long StringBytes(CatalogItem item) =>
        new[] { item.Id, item.Title }.Concat(item.Categories).Sum(text => 22L + (2L * text.Length));
}
