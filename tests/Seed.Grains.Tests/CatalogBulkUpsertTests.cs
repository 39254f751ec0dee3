using System.Collections.Concurrent;
using Orleans.TestingHost;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;

namespace Seed.Grains.Tests;

/// <summary>
/// A bulk upsert is written one chunk (Seed:Catalog:UpsertChunkSize) at a time, so a shard is never held by more than
/// one chunk and reads interleave between chunks. Observed through call filters, not clocks.
/// </summary>
public sealed class CatalogBulkUpsertTests
{
    private const int ChunkSize = 4;

    [Fact]
    public async Task A_bulk_upsert_reaches_the_shards_in_calls_of_at_most_the_chunk_size_and_stores_every_item()
    {
        var shardCallSizes = new ConcurrentBag<int>();
        await using var cluster = await StartAsync(silo => silo.AddIncomingGrainCallFilter(context =>
        {
            if (context.InterfaceMethod.Name == nameof(ICatalogShardGrain.UpsertAsync) && context.Request.GetArgument(0) is IReadOnlyList<EmbeddedItem> items)
            {
                shardCallSizes.Add(items.Count);
            }

            return context.Invoke();
        }));
        var items = Items("bulk", 30);

        var stored = await cluster.Client.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(items);

        Assert.Equal(30, stored);
        Assert.All(shardCallSizes, size => Assert.InRange(size, 1, ChunkSize));
        Assert.Equal(30, shardCallSizes.Sum());
        Assert.Empty(await cluster.Client.GetGrain<ICatalogGrain>(0).FindMissingAsync([.. items.Select(item => item.Id)]));
        foreach (var shard in Enumerable.Range(0, 3))
        {
            await cluster.DeactivateAsync(cluster.Client.GetGrain<ICatalogShardGrain>(shard));
        }

        // Reactivated shards load their rows back from the in-memory store.
        Assert.Empty(await cluster.Client.GetGrain<ICatalogGrain>(0).FindMissingAsync([.. items.Select(item => item.Id)]));
    }

    [Fact]
    public async Task Reads_are_answered_between_the_chunks_of_an_upsert_in_progress()
    {
        // The second chunk's encoding waits until the test has read the catalog: the upsert is then mid-way.
        var encoderCalls = 0;
        var firstChunkStored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var cluster = await StartAsync(silo => silo.AddIncomingGrainCallFilter(async context =>
        {
            if (context.InterfaceMethod.Name == nameof(IEncoderGrain.EncodeItemTextsAsync) && Interlocked.Increment(ref encoderCalls) == 2)
            {
                firstChunkStored.TrySetResult();
                await readDone.Task;
            }

            await context.Invoke();
        }));
        var catalog = cluster.Client.GetGrain<ICatalogGrain>(0);
        var items = Items("mid", 3 * ChunkSize);

        var upsert = catalog.UpsertItemsAsync(items);
        await firstChunkStored.Task;
        var missing = await catalog.FindMissingAsync([.. items.Select(item => item.Id)]);
        readDone.SetResult();
        await upsert;

        Assert.Equal(items.Skip(ChunkSize).Select(item => item.Id).Order(StringComparer.Ordinal), missing.Order(StringComparer.Ordinal));
        Assert.Empty(await catalog.FindMissingAsync([.. items.Select(item => item.Id)]));
    }

    private static List<CatalogItem> Items(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new CatalogItem { Id = $"{prefix}-{Guid.NewGuid():N}-{i}", Title = $"bulk item {i} about {prefix}", Categories = [prefix] })];

    private static async Task<InProcessTestCluster> StartAsync(Action<ISiloBuilder> configure)
    {
        var cluster = TestClusters.Build(1, TestSettings.Build(new Dictionary<string, string?>
        {
            ["Seed:Catalog:UpsertChunkSize"] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The silo's embedded default: shards keep their rows in InMemoryCatalogItemStore.
            ["Orleans:GrainStorage:catalog:ProviderType"] = "Memory",
        }), configure);
        await cluster.DeployAsync();
        return cluster;
    }
}
