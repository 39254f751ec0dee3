namespace Seed.Abstractions.Catalog;

/// <summary>
/// Memory the catalog's shards hold for their items, summed from their own structures (an estimate of the managed
/// heap they keep alive, not a measurement: arrays count their allocated length plus a 24-byte header, strings 2 bytes
/// per character plus 22, objects their fields plus a 16-byte header). What the shards' stores keep besides (the
/// embedded store's own row list, a database's cache) is not included.
/// </summary>
[GenerateSerializer, Immutable, Alias("Seed.CatalogFootprint")]
public sealed record CatalogFootprint
{
    public static readonly CatalogFootprint Empty = new();

    [Id(0)] public int ItemCount { get; init; }

    /// <summary>The float ranking vectors every query may re-score (rows × dimension × 4, spare capacity included).</summary>
    [Id(1)] public long RankingVectorBytes { get; init; }

    /// <summary>The compact (4-bit or int8) copy large shards scan; 0 below CompactScanMinRows.</summary>
    [Id(2)] public long CompactVectorBytes { get; init; }

    /// <summary>The items' text embeddings, kept to project rows again when the served model changes.</summary>
    [Id(3)] public long EmbeddingBytes { get; init; }

    /// <summary>Ids, titles, texts, categories and tags.</summary>
    [Id(4)] public long TextBytes { get; init; }

    /// <summary>Item records, the id → row map, per-category row sets, popularity and cold-start arrays.</summary>
    [Id(5)] public long IndexBytes { get; init; }

    /// <summary>
    /// The live co-like counts (pairs of items liked together, their row maps and the list of pairs not yet stored). Not
    /// in <see cref="TotalBytes"/> or <see cref="BytesPerItem"/>: they grow with the likes, not with the items.
    /// </summary>
    [Id(6)] public long CoLikeBytes { get; init; }

    /// <summary>The items' own structures (the co-like counts apart: <see cref="CoLikeBytes"/>).</summary>
    public long TotalBytes => RankingVectorBytes + CompactVectorBytes + EmbeddingBytes + TextBytes + IndexBytes;

    /// <summary>Total bytes per item held (0 for an empty catalog).</summary>
    public double BytesPerItem => ItemCount == 0 ? 0 : (double)TotalBytes / ItemCount;

    /// <summary>Two shards' (or catalogs') footprints together.</summary>
    public CatalogFootprint Plus(CatalogFootprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new CatalogFootprint
        {
            ItemCount = ItemCount + other.ItemCount,
            RankingVectorBytes = RankingVectorBytes + other.RankingVectorBytes,
            CompactVectorBytes = CompactVectorBytes + other.CompactVectorBytes,
            EmbeddingBytes = EmbeddingBytes + other.EmbeddingBytes,
            TextBytes = TextBytes + other.TextBytes,
            IndexBytes = IndexBytes + other.IndexBytes,
            CoLikeBytes = CoLikeBytes + other.CoLikeBytes,
        };
    }
}
