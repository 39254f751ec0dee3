using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Seed.Abstractions.Grains;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary>
/// A one-silo cluster of its own with the given settings, and the users' snapshots as its "users" storage holds them,
/// read past the grain: for tests of when snapshots are written.
/// </summary>
public abstract class StoredUserSnapshots(IReadOnlyDictionary<string, string?> settings) : IAsyncLifetime
{
    protected InProcessTestCluster Cluster { get; private set; } = null!;

    protected IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services;

    public async Task InitializeAsync()
    {
        Cluster = TestClusters.Build(1, TestSettings.Build(settings));
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The stored snapshot once it holds at least <paramref name="events"/> events, or as it is after 30 s.</summary>
    protected async Task<UserGrainState> WaitForStoredAsync(IUserGrain user, int events)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var stored = await ReadStoredAsync(user);
            if (stored.EventCount >= events)
            {
                return stored;
            }

            await Task.Delay(50);
        }

        return await ReadStoredAsync(user);
    }

    protected async Task<UserGrainState> ReadStoredAsync(IUserGrain user)
    {
        var storage = SiloServices.GetRequiredKeyedService<IGrainStorage>(UserGrainServices.StorageName);
        var state = new GrainState<UserGrainState>(new UserGrainState());
        await storage.ReadStateAsync(UserGrainServices.StateName, user.GetGrainId(), state);
        return state.State ?? new UserGrainState();
    }
}
