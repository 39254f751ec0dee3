namespace Seed.Abstractions.Catalog;

/// <summary>
/// Where one item stands in a ranking: the answer to "why is this item (not) recommended?". Ranked in the same order
/// as top-K lists (score descending, equal scores by item id), among the items the query leaves eligible.
/// </summary>
[GenerateSerializer, Immutable, Alias("Seed.ItemRank")]
public sealed record ItemRank
{
    [Id(0)] public required string ItemId { get; init; }

    /// <summary>False when the catalog does not hold the item; nothing else is meaningful then.</summary>
    [Id(1)] public bool Found { get; init; }

    /// <summary>False when the query excludes the item (already seen, or filtered out by category); it would never be listed.</summary>
    [Id(2)] public bool Eligible { get; init; }

    /// <summary>The item's score under the query, on the same scale as <see cref="ScoredItem.Score"/>.</summary>
    [Id(3)] public float Score { get; init; }

    /// <summary>1-based position the item would take in a long enough top-K list; 0 when not found or not eligible.</summary>
    [Id(4)] public int Rank { get; init; }

    /// <summary>How many items the query leaves eligible (the length of the full ranking).</summary>
    [Id(5)] public int EligibleCount { get; init; }
}
