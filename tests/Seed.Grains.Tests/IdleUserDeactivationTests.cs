using Orleans.Core.Internal;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Storage;

namespace Seed.Grains.Tests;

/// <summary>
/// An idle user's activation can go (grain collection, memory-pressure shedding) without losing what it applied: its
/// deactivation writes the pending snapshot. The silo here never writes a snapshot otherwise (no timer within the
/// test, no count threshold), so the stored state can only come from the deactivation.
/// </summary>
public sealed class IdleUserDeactivationTests() : StoredUserSnapshots(new Dictionary<string, string?>
{
    ["Seed:Users:SnapshotInterval"] = "01:00:00",
    ["Seed:Users:SnapshotEveryEvents"] = "1000",
})
{
    [Fact]
    public async Task A_deactivated_user_leaves_its_state_written()
    {
        var user = Cluster.Client.GetGrain<IUserGrain>("idle-" + Guid.NewGuid().ToString("N"));
        await user.ApplyEventsAsync([
            new UserEvent { EventId = "idle-e1", Type = EventType.Search, Text = "a tent for the mountains", Timestamp = DateTimeOffset.UtcNow },
        ]);
        Assert.Equal(0, (await ReadStoredAsync(user)).EventCount);

        // What grain collection does to an idle activation, asked for directly.
        await user.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var stored = await WaitForStoredAsync(user, events: 1); // the deactivation runs after the call that asked for it returned
        Assert.Equal(1, stored.EventCount);
        // The volatile log's idempotency window travels with it.
        var window = new EventIdWindow(8);
        window.AddFrom(stored.RecentEventIdFingerprints, stored.RecentEventIdOldest);
        Assert.Equal(1, window.Count);
        Assert.True(window.Contains("idle-e1"));
        Assert.Contains(stored.LongTerm, value => value != 0f);
    }
}
