using Orleans.TestingHost;
using Seed.Abstractions.Grains;

namespace Seed.Grains.Tests;

/// <summary>
/// Item texts are encoded once per (encoder, text): a silo started after another has encoded a catalog reads the
/// vectors from the embedding store (here the embedded default's file store) instead of running the encoder again.
/// </summary>
public sealed class ItemEmbeddingStoreTests
{
    [Fact]
    public async Task A_restarted_silo_reads_the_catalog_vectors_from_the_store_instead_of_encoding_them()
    {
        string storeDirectory = Path.Combine(Path.GetTempPath(), "seed-embedding-store-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var items = TestCatalog.Build("store-");

            var (firstEncoded, firstVectors) = await UpsertOnAFreshSiloAsync(storeDirectory, items);
            var (secondEncoded, secondVectors) = await UpsertOnAFreshSiloAsync(storeDirectory, items);

            Assert.Equal(items.Select(item => item.EmbeddingText()).Distinct().Count(), firstEncoded);
            Assert.Equal(0, secondEncoded);
            Assert.Equal(firstVectors, secondVectors);
        }
        finally
        {
            Directory.Delete(storeDirectory, recursive: true);
        }
    }

    /// <summary>Starts a one-silo cluster, upserts the items, and returns how many texts its encoder ran on and the stored vectors.</summary>
    private static async Task<(long Encoded, float[][] Vectors)> UpsertOnAFreshSiloAsync(string storeDirectory, IReadOnlyList<Abstractions.Catalog.CatalogItem> items)
    {
        await using InProcessTestCluster cluster = TestClusters.Build(
            1, TestSettings.Build(new Dictionary<string, string?> { ["Seed:Encoder:EmbeddingStoreDirectory"] = storeDirectory }));
        await cluster.DeployAsync();
        try
        {
            await cluster.Client.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(items);
            var status = await cluster.Client.GetGrain<IEncoderGrain>(0).DescribeAsync();
            // The same texts through the encoder grain's store path: what the catalog stored for them.
            var vectors = await cluster.Client.GetGrain<IEncoderGrain>(0).EncodeItemTextsAsync(items.Select(item => item.EmbeddingText()).ToList());
            return (status.EncoderRequests - status.EncoderCacheHits, vectors);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
        }
    }
}
