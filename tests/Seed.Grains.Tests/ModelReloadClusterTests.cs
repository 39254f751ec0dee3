using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Core.Interest;
using Seed.Grains.Catalog;
using Seed.Grains.Models;
using Seed.Grains.Users;
using Seed.Storage;
using Xunit.Abstractions;

namespace Seed.Grains.Tests;

/// <summary>
/// A model swap on a real two-silo cluster of its own (the shared fixture's tests must not see their model change)
/// while events and recommendations flow: every call succeeds, both silos move to the deployed version, a broken
/// folder is refused with the running model kept, and recommendations afterwards are exactly what the new model ranks
/// (computed here without a cluster from the same events and catalog).
/// </summary>
public sealed class ModelReloadClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prefix = "reload";
    private const int Users = 6;
    private const int K = 10;
    private static readonly DateTimeOffset T0 = new(2024, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly EventType[] Types = [EventType.Purchase, EventType.View, EventType.Click, EventType.Dislike];

    private readonly TemporaryModelFolder _startModel = TemporaryModelFolder.CopyOfShipped();
    private readonly TemporaryModelFolder _nextModel = TemporaryModelFolder.Variant(popularityWeight: 0.25f, biasShift: 0.08f);
    private readonly ConcurrentDictionary<string, List<UserEvent>> _sent = new();
    private IConfiguration _configuration = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _configuration = TestSettings.Build(new Dictionary<string, string?>
        {
            ["Seed:InterestModel:Path"] = _startModel.Path,
            ["Seed:InterestModel:SyncInterval"] = "00:00:00.100",
        });
        _cluster = TestClusters.Build(2, _configuration);
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _startModel.Dispose();
        _nextModel.Dispose();
    }

    [Fact]
    public async Task A_model_swapped_while_traffic_flows_reaches_both_silos_without_errors_and_ranks_as_the_new_model()
    {
        var grains = _cluster.Client;
        var catalog = TestCatalog.Build(Prefix);
        await grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(catalog);
        var startVersion = SiloVersions().Distinct().Single();

        var errors = new ConcurrentQueue<Exception>();
        var rounds = 0;
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(() => RunTrafficAsync(grains, catalog, errors, () => Interlocked.Increment(ref rounds), stop.Token));

        await WaitUntilAsync(() => Volatile.Read(ref rounds) >= 5, "5 rounds of traffic before the swap");
        var deployed = await grains.GetGrain<IModelRegistryGrain>(0).DeployAsync(_nextModel.Path);
        Assert.True(deployed.Loaded, deployed.Error);
        Assert.NotEqual(startVersion, deployed.Version);
        await WaitUntilAsync(() => SiloVersions().All(version => version == deployed.Version), "both silos on the deployed version");
        var roundsAtSwap = Volatile.Read(ref rounds);

        using var broken = TemporaryModelFolder.CopyOfShipped();
        broken.TruncateWeights(0.7);
        var refused = await grains.GetGrain<IModelRegistryGrain>(0).DeployAsync(broken.Path);

        await WaitUntilAsync(() => Volatile.Read(ref rounds) >= roundsAtSwap + 5, "5 rounds of traffic after the swap");
        await stop.CancelAsync();
        await traffic;

        Assert.Empty(errors);
        Assert.False(refused.Loaded);
        Assert.Equal(deployed.Version, refused.Version);
        Assert.Contains("model.safetensors", refused.Error, StringComparison.Ordinal);
        Assert.All(SiloVersions(), version => Assert.Equal(deployed.Version, version));
        Assert.Equal(deployed.Version, (await grains.GetGrain<IModelRegistryGrain>(0).GetDeploymentAsync())!.Version);
        output.WriteLine($"{Volatile.Read(ref rounds)} rounds of {Users} users (event + recommendation each), model {startVersion} -> {deployed.Version} after round {roundsAtSwap}, 0 errors; broken folder refused: {refused.Error}");

        await AssertRecommendationsAreTheNewModelsAsync(grains, catalog);
    }

    private async Task RunTrafficAsync(IGrainFactory grains, List<CatalogItem> catalog, ConcurrentQueue<Exception> errors, Action roundDone, CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, Users).Select(async user =>
            {
                var userId = $"{Prefix}-user-{user}";
                var userEvent = new UserEvent
                {
                    EventId = $"{userId}-{round}",
                    Type = Types[(round + user) % Types.Length],
                    // Each user keeps to a theme with an occasional item from elsewhere, so rankings are personal.
                    ItemId = catalog[((user * 7) + (round % 5 == 4 ? 13 * round : round)) % catalog.Count].Id,
                    Timestamp = T0.AddMinutes(round),
                };
                try
                {
                    await grains.GetGrain<IUserGrain>(userId).ApplyEventsAsync([userEvent]);
                    _sent.GetOrAdd(userId, _ => []).Add(userEvent);
                    await grains.GetGrain<IUserGrain>(userId).RecommendAsync(new RecommendationRequest { K = K });
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
            }));
            roundDone();
        }
    }

    /// <summary>
    /// The new model's ranking without a cluster: one <see cref="CatalogShardIndex"/> over the catalog (embeddings read
    /// back from the shards, popularity plus the likes the traffic made) and each user's events applied by a
    /// <see cref="UserProfile"/> on the new model's tracker.
    /// </summary>
    private async Task AssertRecommendationsAreTheNewModelsAsync(IGrainFactory grains, List<CatalogItem> catalog)
    {
        Assert.True(InterestModelLoader.TryLoad(_nextModel.Path, new InterestOptions(), CoLikeModel.Dimension, out var model, out var error), error);
        var shardCount = _configuration.GetValue<int>("Seed:Catalog:ShardCount");
        var ids = catalog.Select(item => item.Id).ToList();
        var lookups = (await CatalogSharding.LookupInShardsAsync(grains, ids, shardCount)).ToDictionary(lookup => lookup.ItemId);
        var likes = _sent.Values.SelectMany(events => events)
            .Where(userEvent => new InterestOptions().WeightFor(userEvent.Type, userEvent.Rating) > 0)
            .GroupBy(userEvent => userEvent.ItemId!)
            .ToDictionary(group => group.Key, group => (double)group.Count());
        var expectedCounts = ids.Select(id => likes.GetValueOrDefault(id)).ToList();
        // Likes are reported one-way; wait until the shards have counted all of them.
        await WaitUntilAsync(
            async () => (await CatalogSharding.LikeCountsInShardsAsync(grains, ids, shardCount)).SequenceEqual(expectedCounts),
            "the shards counted every like");

        var catalogOptions = _configuration.GetSection(CatalogOptions.SectionName).Get<CatalogOptions>()!;
        var index = new CatalogShardIndex(model!.Tracker, catalogOptions);
        index.Load([.. catalog.Select(item => new StoredItem { Item = item, Embedding = lookups[item.Id].Embedding, Interactions = likes.GetValueOrDefault(item.Id) })]);
        var userOptions = _configuration.GetSection(UserOptions.SectionName).Get<UserOptions>()!;
        foreach (var (userId, events) in _sent)
        {
            var profile = new UserProfile(new UserGrainState(), model.Tracker, userOptions, new SharedStrings());
            profile.Apply(events, [.. events.Select(userEvent => new ResolvedEvent(lookups[userEvent.ItemId!].Embedding, lookups[userEvent.ItemId!].Categories))]);
            var (query, _) = profile.BuildQuery(new RecommendationRequest { K = K }, []);
            var expected = index.TopK(query, includeVectors: false);

            var actual = await grains.GetGrain<IUserGrain>(userId).RecommendAsync(new RecommendationRequest { K = K });

            Assert.Equal(RecommendationStrategy.Personalized, actual.Strategy);
            Assert.Equal(expected.Select(item => item.ItemId), actual.Items.Select(item => item.ItemId));
            Assert.Equal(expected.Select(item => item.Score), actual.Items.Select(item => item.Score));
        }
    }

    private IEnumerable<string> SiloVersions() =>
        _cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<InterestModelProvider>().Current.Version);

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Waits for a condition the cluster reaches by itself; the deadline only turns a hang into a failure.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
