using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary>
/// An idle user's activation can go (grain collection, memory-pressure shedding) without losing what it applied: its
/// deactivation writes the pending snapshot. The silo here never writes a snapshot otherwise (no timer within the
/// test, no count threshold), so the stored state can only come from the deactivation.
/// </summary>
public sealed class IdleUserDeactivationTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = TestClusters.Build(1, TestSettings.Build(new Dictionary<string, string?>
        {
            ["Seed:Users:SnapshotInterval"] = "01:00:00",
            ["Seed:Users:SnapshotEveryEvents"] = "1000",
        }));
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_deactivated_user_leaves_its_state_written()
    {
        var user = _cluster.Client.GetGrain<IUserGrain>("idle-" + Guid.NewGuid().ToString("N"));
        await user.ApplyEventsAsync([
            new UserEvent { EventId = "idle-e1", Type = EventType.Search, Text = "a tent for the mountains", Timestamp = DateTimeOffset.UtcNow },
        ]);
        Assert.Equal(0, (await ReadStoredAsync(user)).EventCount);

        // What grain collection does to an idle activation, asked for directly.
        await user.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var stored = await WaitForStoredAsync(user);
        Assert.Equal(1, stored.EventCount);
        Assert.Equal(["idle-e1"], stored.RecentEventIds); // the volatile log's idempotency window travels with it
        Assert.Contains(stored.LongTerm, value => value != 0f);
    }

    /// <summary>The deactivation runs after the call that asked for it returned; its write is awaited here.</summary>
    private async Task<UserGrainState> WaitForStoredAsync(IUserGrain user)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var stored = await ReadStoredAsync(user);
            if (stored.EventCount > 0)
            {
                return stored;
            }

            await Task.Delay(50);
        }

        return await ReadStoredAsync(user);
    }

    /// <summary>The user's snapshot as the "users" storage holds it, read past the grain.</summary>
    private async Task<UserGrainState> ReadStoredAsync(IUserGrain user)
    {
        var silo = (InProcessSiloHandle)_cluster.Silos[0];
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("users");
        var state = new GrainState<UserGrainState>(new UserGrainState());
        await storage.ReadStateAsync("user", user.GetGrainId(), state);
        return state.State ?? new UserGrainState();
    }
}
