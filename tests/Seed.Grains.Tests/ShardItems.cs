using Seed.Abstractions.Catalog;
using Seed.Core.Interest;
using Seed.Grains.Catalog;

namespace Seed.Grains.Tests;

/// <summary>
/// Small hand-made catalogs for <see cref="CatalogShardIndex"/> tests: a fallback tracker (identity item tower, no
/// popularity prior), so a personalised score is exactly the cosine of the query and the item's embedding.
/// </summary>
internal static class ShardItems
{
    public const int Dimension = 4;

    public static CatalogShardIndex NewIndex(int compactScanMinRows = 16_384, int compactScanBits = 4, int dimension = Dimension) =>
        new(new InterestTracker(new InterestOptions(), null, dimension),
            new CatalogOptions { CompactScanMinRows = compactScanMinRows, CompactScanBits = compactScanBits });

    /// <summary>A unit vector in the first two axes whose cosine with <see cref="AxisX"/> is <paramref name="x"/>.</summary>
    public static float[] Toward(double x) => [(float)x, (float)Math.Sqrt(1 - (x * x)), 0f, 0f];

    public static float[] AxisX => [1f, 0f, 0f, 0f];

    public static EmbeddedItem Item(string id, float[] embedding, double popularity = 0, string[]? categories = null, string? title = null) => new()
    {
        Item = new CatalogItem
        {
            Id = id,
            Title = title ?? "title of " + id,
            Categories = categories ?? [],
            Popularity = popularity,
        },
        Embedding = embedding,
    };

    /// <summary>Plans and applies an upsert, as the shard grain does once its store succeeded.</summary>
    public static void Upsert(this CatalogShardIndex index, params EmbeddedItem[] items) => index.Apply(index.PlanUpsert(items));

    public static CatalogQuery Cold(int k = 100) => new() { K = k };

    public static CatalogQuery Personal(float[] vector, int k = 100) => new() { K = k, Vector = vector };

    public static List<string> Ids(this IEnumerable<ScoredItem> items) => [.. items.Select(item => item.ItemId)];
}
