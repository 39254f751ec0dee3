using Microsoft.Extensions.Configuration;
using Seed.Core;

namespace Seed.Grains.Tests;

/// <summary>Configuration every test silo gets: the real shared model and the repository's interest model folder.</summary>
public static class TestSettings
{
    public static string SharedRoot => RepositoryPaths.SharedRoot();

    public static IConfiguration Build() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seed:Encoder:ModelPath"] = Path.Combine(SharedRoot, "models", "potion-base-4M-int8"),
            ["Seed:InterestModel:Path"] = "models/interest-lstm",
            ["Seed:Catalog:ShardCount"] = "3",
            ["Seed:Users:RecentItemCount"] = "50",
        })
        .Build();
}
