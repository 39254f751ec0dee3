using Microsoft.Extensions.DependencyInjection;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary>
/// Snapshots asked for by the silo-wide <see cref="SnapshotDueTimer"/> (no grain timer): with a short interval and a
/// count threshold no test reaches, a live user's state reaches storage only through that path, and events sent while
/// due calls arrive must all end up in one consistent snapshot, with no write conflicting with another.
/// </summary>
public sealed class SnapshotDueTests() : StoredUserSnapshots(new Dictionary<string, string?>
{
    ["Seed:Users:SnapshotInterval"] = "00:00:00.050",
    ["Seed:Users:SnapshotEveryEvents"] = "100000",
})
{
    [Fact]
    public async Task A_due_snapshot_is_written_while_the_user_stays_active_and_events_keep_coming()
    {
        var user = Cluster.Client.GetGrain<IUserGrain>("due-" + Guid.NewGuid().ToString("N"));
        var start = DateTimeOffset.UtcNow;
        const int Events = 60;
        for (var i = 0; i < Events; i++)
        {
            // Spaced so that due calls (50–75 ms after an event) arrive while later events are being applied.
            await user.ApplyEventsAsync([
                new UserEvent { EventId = $"due-e{i}", Type = EventType.Search, Text = $"a tent for the mountains {i % 7}", Timestamp = start.AddSeconds(i) },
            ]);
            await Task.Delay(i % 3 == 0 ? 20 : 0);
        }

        var stored = await WaitForStoredAsync(user, Events);

        Assert.Equal(Events, stored.EventCount);
        Assert.Contains(stored.LongTerm, value => value != 0f);
        var summary = await user.GetSummaryAsync();
        Assert.Equal(Events, summary.EventCount);
        // One activation made every write: a conflicting write would have dropped it and a new one would have replayed.
        Assert.Equal(stored.Version, summary.Version);
        var timer = SiloServices.GetRequiredService<SnapshotDueTimer>();
        Assert.Equal(0, timer.Count);
    }
}
