using Microsoft.Extensions.Configuration;
using Seed.Core;

namespace Seed.Grains.Tests;

/// <summary>Configuration every test silo gets: the shipped encoder and the repository's interest model folder.</summary>
public static class TestSettings
{
    /// <summary>The test silos' <c>Seed:Catalog:ShardCount</c>.</summary>
    public const int ShardCount = 3;

    /// <summary>The settings below, with <paramref name="overrides"/> laid over them.</summary>
    public static IConfiguration Build(IReadOnlyDictionary<string, string?>? overrides = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seed:Encoder:Model"] = RepositoryPaths.Resolve(ShippedPaths.Encoder),
            ["Seed:InterestModel:Path"] = "models/interest-lstm",
            ["Seed:Catalog:ShardCount"] = ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The silos' item-embedding file store: this test run's own folder, not the user's default one.
            ["Seed:Encoder:EmbeddingStoreDirectory"] = Path.Combine(Path.GetTempPath(), $"seed-grains-tests-{Environment.ProcessId}"),
            ["Seed:Users:RecentItemCount"] = "50",
            // Every shard ranks through its int8 copy (CompactTopKSelector), which must give the float scan's results:
            // the recommendation tests then check it on real grains. The embedded default keeps it for large shards.
            ["Seed:Catalog:CompactScanMinRows"] = "1",
        })
        .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
        .Build();
}
