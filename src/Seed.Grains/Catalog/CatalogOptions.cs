using System.ComponentModel.DataAnnotations;
using Seed.Abstractions.Configuration;

namespace Seed.Grains.Catalog;

/// <summary>
/// Catalog tier settings, section <c>Seed:Catalog</c>. Every silo and client must agree on ShardCount. The host checks
/// the rules below (<see cref="CatalogOptionsValidator"/>) when it starts.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Seed:Catalog";

    /// <summary>Number of shard grains items are spread over (by a stable hash of the item id).</summary>
    [SettingRange(1, 4096, ErrorMessage = SectionName + ":ShardCount must be between {1} and {2}.")]
    public int ShardCount { get; set; } = 4;

    /// <summary>
    /// Items a bulk upsert encodes and writes at a time: it encodes one chunk (a single encoder call), writes it to
    /// its shards (at most this many items per shard call) and only then starts the next. Events' lookups and
    /// recommendations queue behind one chunk's shard turn instead of a whole import's, and event texts behind one
    /// chunk of item texts.
    /// </summary>
    [SettingRange(1, 100_000, ErrorMessage = SectionName + ":UpsertChunkSize must be between {1} and {2}.")]
    public int UpsertChunkSize { get; set; } = 256;

    /// <summary>
    /// The share of time a multi-chunk item upsert may spend working on a silo: after each chunk it rests
    /// (1 − this) / this times the chunk's own duration, and one chunk runs at a time per silo
    /// (<see cref="BulkUpsertPacer"/>). 0.5 halves an import's speed and leaves the rest of the cores to events and
    /// recommendations; 1 turns pacing off. A single-chunk upsert never rests.
    /// </summary>
    [SettingRange(0.05, 1.0, ErrorMessage = SectionName + ":UpsertDutyCycle must be between {1} and {2}.")]
    public double UpsertDutyCycle { get; set; } = 0.5;

    /// <summary>How long a silo reuses the merged category/tag centroids before asking the shards again.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration,
        ErrorMessage = SectionName + ":CentroidCacheDuration must not be negative.")]
    public TimeSpan CentroidCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>With MMR on, each shard returns K times this many candidates for the re-ranker to choose from.</summary>
    [SettingRange(1, 64, ErrorMessage = SectionName + ":DiversityCandidateFactor must be between {1} and {2}.")]
    public int DiversityCandidateFactor { get; set; } = 4;

    /// <summary>How often a shard persists live popularity counts that changed.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true,
        ErrorMessage = SectionName + ":InteractionFlushInterval must be positive.")]
    public TimeSpan InteractionFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// From this many items a shard also keeps a compact copy of its ranking vectors and ranks by scanning that and
    /// re-scoring in float the few rows its error bound cannot rule out: the same results as the float scan
    /// (CompactTopKSelector). Below it a shard scans its floats only.
    /// </summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":CompactScanMinRows must be at least {1}.")]
    public int CompactScanMinRows { get; set; } = 16_384;

    /// <summary>With the compact scan: rows re-scored in float per request, as a multiple of K (more only when needed).</summary>
    [SettingRange(1, 1024, ErrorMessage = SectionName + ":CompactScanCandidateFactor must be between {1} and {2}.")]
    public int CompactScanCandidateFactor { get; set; } = 4;

    /// <summary>
    /// Bits per value of the compact copy: 4 (default; an eighth of the float bytes, 12.5% more vector memory, a few
    /// hundred rows re-scored per shard and request) or 8 (a quarter, 25% more memory, a few dozen re-scored). A
    /// recommendation's cost on a large catalog is the bytes it streams from memory (docs/PERFORMANCE.md).
    /// </summary>
    [AllowedValues(4, 8, ErrorMessage = SectionName + ":CompactScanBits must be 4 or 8.")]
    public int CompactScanBits { get; set; } = 4;

    /// <summary>
    /// From this many items a shard ranks approximately: an inverted-file index (InvertedFileIndex) splits its rows
    /// into lists of similar rows and a query scans only the lists nearest to it, about ApproximateScanProbes ×
    /// ApproximateScanListRows rows instead of all of them; scores stay exact, but a row in a list not probed can be
    /// missed. The default keeps every catalog up to half a million items (four shards of 131,072) exact, the demo
    /// catalog and the offline evaluation's parity among them, and turns it on where the exact scan's bytes per request
    /// dominate a recommendation (a million items: docs/PERFORMANCE.md). Building the index (k-means on at most 32,768
    /// rows, then every row assigned) runs on the shard's turn when an activation loads a shard of this size, and on
    /// the thread pool after an upsert reaches it or doubles the rows since (the shard ranks exactly until then).
    /// </summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":ApproximateScanMinRows must be at least {1}.")]
    public int ApproximateScanMinRows { get; set; } = 131_072;

    /// <summary>
    /// With the approximate scan: rows per list when the index is trained (lists = rows / this), so a shard of 250k
    /// rows has about 1,000 lists. Smaller lists make each probe cheaper but the centroid scan and k-means dearer.
    /// </summary>
    [SettingRange(16, 1_000_000, ErrorMessage = SectionName + ":ApproximateScanListRows must be between {1} and {2}.")]
    public int ApproximateScanListRows { get; set; } = 256;

    /// <summary>
    /// With the approximate scan: lists scanned per shard and request (more when exclusions or a category filter leave
    /// fewer eligible rows, and doubled until K eligible rows are found). Trades recall against bytes read per request.
    /// Recall is what a user sees: the four shards' lists merged. On the million-item catalog, recall against the
    /// exact scan was 0.956 @10 and 0.916 @20 at 24 probes, 0.964 and 0.933 at 32, 0.981 and 0.966 at 64, for about
    /// 0.6x the time per query at 32 against 64 (--approximate-scan-recall in tests/Seed.Benchmarks).
    /// </summary>
    [SettingRange(1, 1_000_000, ErrorMessage = SectionName + ":ApproximateScanProbes must be between {1} and {2}.")]
    public int ApproximateScanProbes { get; set; } = 32;

    /// <summary>
    /// With the approximate scan: bits per value of the lists' codes, 4 or 8 (default). The rows of the lists probed
    /// are all near the query, so many of them have 4-bit bounds reaching the K-th score and get re-scored in float;
    /// int8 bounds are tight enough to re-score few. On the million-item catalog the four shards took 3.1 ms per query
    /// with int8 lists against 4.3 ms with 4-bit ones at 32 probes (--approximate-scan-recall in tests/Seed.Benchmarks),
    /// for 64 more bytes per item.
    /// </summary>
    [AllowedValues(4, 8, ErrorMessage = SectionName + ":ApproximateScanBits must be 4 or 8.")]
    public int ApproximateScanBits { get; set; } = 8;

    /// <summary>
    /// With the approximate scan: the least weighted count, query weight · c(row, liked item), that a co-like pair must
    /// reach to add to its row's term; 0 counts every pair (the exact term, as the smaller shards and the offline
    /// replay compute it). A liked item with many likes has a small query weight (δ^p / sqrt(n)), and on a large
    /// catalog most of its pairs were seen once: summing those onto the thousands of rows they touch was the larger
    /// part of a shard's co-like work, for terms each below the floor (γ = 1 in the shipped model, and a term divides
    /// by sqrt(n_row) ≥ 1 too). Against the exact term, on a 250,000-row shard after a Zipf like history: recall@10 and
    /// @20 of the shard's list 0.996 and 0.991 at 0.02 (0.989 and 0.984 at 0.05; --co-like-floor-recall in
    /// tests/Seed.Benchmarks), at 0.68–0.73x the time per list (CoLikedShardBenchmarks).
    /// </summary>
    [SettingRange(0.0, 1.0, ErrorMessage = SectionName + ":ApproximateScanCoLikeFloor must be between {1} and {2}.")]
    public double ApproximateScanCoLikeFloor { get; set; } = 0.02;
}
