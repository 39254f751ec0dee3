namespace Seed.Grains.Catalog;

/// <summary>Catalog tier settings, section <c>Seed:Catalog</c>. Every silo and client must agree on ShardCount.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Seed:Catalog";

    /// <summary>Number of shard grains items are spread over (by a stable hash of the item id).</summary>
    public int ShardCount { get; set; } = 4;

    /// <summary>How long a silo reuses the merged category/tag centroids before asking the shards again.</summary>
    public TimeSpan CentroidCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>With MMR on, each shard returns K times this many candidates for the re-ranker to choose from.</summary>
    public int DiversityCandidateFactor { get; set; } = 4;

    /// <summary>How often a shard persists live popularity counts that changed.</summary>
    public TimeSpan InteractionFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// From this many items a shard also keeps a compact copy of its ranking vectors and ranks by scanning that and
    /// re-scoring in float the few rows its error bound cannot rule out: the same results as the float scan
    /// (CompactTopKSelector). Below it a shard scans its floats only.
    /// </summary>
    public int CompactScanMinRows { get; set; } = 16_384;

    /// <summary>With the compact scan: rows re-scored in float per request, as a multiple of K (more only when needed).</summary>
    public int CompactScanCandidateFactor { get; set; } = 4;

    /// <summary>
    /// Bits per value of the compact copy: 4 (default; an eighth of the float bytes, 12.5% more vector memory, a few
    /// hundred rows re-scored per shard and request) or 8 (a quarter, 25% more memory, a few dozen re-scored). A
    /// recommendation's cost on a large catalog is the bytes it streams from memory (docs/PERFORMANCE.md).
    /// </summary>
    public int CompactScanBits { get; set; } = 4;

    public void Validate()
    {
        if (ShardCount is < 1 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(ShardCount), ShardCount, "Seed:Catalog:ShardCount must be between 1 and 4096.");
        }

        if (DiversityCandidateFactor is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(DiversityCandidateFactor), DiversityCandidateFactor, "Seed:Catalog:DiversityCandidateFactor must be between 1 and 64.");
        }

        if (CompactScanMinRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactScanMinRows), CompactScanMinRows, "Seed:Catalog:CompactScanMinRows must be at least 1.");
        }

        if (CompactScanCandidateFactor is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactScanCandidateFactor), CompactScanCandidateFactor, "Seed:Catalog:CompactScanCandidateFactor must be between 1 and 1024.");
        }

        if (CompactScanBits is not (4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(CompactScanBits), CompactScanBits, "Seed:Catalog:CompactScanBits must be 4 or 8.");
        }
    }
}
