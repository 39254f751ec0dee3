using System.Globalization;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Grains.Users;

namespace Seed.Benchmarks;

/// <summary>
/// Bytes of managed heap per active user grain (not a BenchmarkDotNet benchmark: it measures a heap, not a time).
/// Activates N users in an in-process silo, each with one known-item event, forces full blocking compacting
/// collections and divides the growth of <see cref="GC.GetTotalMemory(bool)"/> by N: once as the events end (a snapshot
/// pending for the users whose due call has not come yet: an entry in the silo's snapshot timer, the event in the
/// in-memory log; the earlier users' calls came while the later ones were activated) and once idle (every due call
/// came, so the snapshots are written and the in-memory log compacted). The idle figure is then split into the
/// grain's own data, built directly by the grain's <see cref="UserProfile"/> (state, interest vectors, dedup window,
/// the strings), a bare Orleans activation (an empty grain with the same kind of key) and the rest: the user grain's
/// own Orleans parts (the grain object and its stored-state holder) plus what the storage and the log keep per user.
/// </summary>
/// <remarks>
/// What each storage keeps besides the activation: "Memory"/"MemoryBinary" a serialized copy of every written state
/// (the embedded default's store) and, with the in-memory log, the events until a snapshot compacts them; "None" the
/// in-memory log only; "Durable" nothing (the production shape: PostgreSQL keeps snapshots and events out of process,
/// see <see cref="NonRetainingEventLog"/>).
/// </remarks>
public static class GrainMemoryProbe
{
    /// <summary>
    /// Short, so that "then idle" is reached within the probe; the default interval only delays the same writes.
    /// The schedule spreads each due call over [1, 1.5) intervals.
    /// </summary>
    private static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(2);

    private const int WarmUsers = 2000;

    public static async Task<int> RunAsync(int users, string storage)
    {
        await using var silo = await BenchmarkSilo.StartAsync(storage, withClient: false, snapshotInterval: SnapshotInterval);
        var items = BenchmarkSilo.MovieItems(1000);
        await silo.UpsertAsync(items);
        var itemIds = items.Select(item => item.Id).ToArray();
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Warm up code paths, pools, timers and the grain directory's first pages, so they do not count as per-grain bytes.
        await ActivateUsersAsync(silo, "warm", WarmUsers, itemIds, time);
        await ActivateEmptyAsync(silo, "warm", WarmUsers);
        await WaitUntilIdleAsync(silo, WarmUsers);
        var before = HeapBytes();
        await ActivateUsersAsync(silo, "probe", users, itemIds, time);
        var active = HeapBytes();
        var idleWait = await WaitUntilIdleAsync(silo, WarmUsers + users);
        var idle = HeapBytes();
        var perActive = (active - before) / (double)users;
        var perIdle = (idle - before) / (double)users;

        // An Orleans activation with nothing of its own: same key length as the users' ("probe-" + number).
        await ActivateEmptyAsync(silo, "probe", users);
        var emptyAfter = HeapBytes();
        var perEmpty = (emptyAfter - idle) / (double)users;

        // The grain's own objects, built as one event leaves them (same tracker, same collections, fresh strings).
        var baseline = HeapBytes();
        var own = BuildGrainData(silo, users, itemIds, time);
        var ownAfter = HeapBytes();
        var perOwn = (ownAfter - baseline) / (double)users;
        GC.KeepAlive(own);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage={storage} users={users:N0} heap before={before / 1e6:0.0} MB active={active / 1e6:0.0} MB idle={idle / 1e6:0.0} MB ({idleWait})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes per active user grain, as the events end (snapshots of users whose due call has not come pending): {perActive:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes per active user grain, idle (snapshot written): {perIdle:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the grain's own data (state, interest vectors, dedup window, ids), built directly: {perOwn:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  a bare Orleans activation (empty grain, string key), measured alone: {perEmpty:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rest (user grain object, stored-state holder, snapshot schedule; storage copy; in-memory log): {perIdle - perOwn - perEmpty:N0}"));
        return 0;
    }

    /// <summary>
    /// Waits until the snapshot due calls of <paramref name="activated"/> users have come: counted where the storage is
    /// the no-op one, otherwise timed (every call comes within 1.5 intervals of its event). Says which it was.
    /// </summary>
    private static async Task<string> WaitUntilIdleAsync(BenchmarkSilo silo, long activated)
    {
        await Task.Delay(SnapshotInterval * 1.5);
        if (silo.NullUserStorage is not { } storage)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            return "idle: waited 1.5 snapshot intervals + 10 s";
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (storage.Writes < activated && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return string.Create(CultureInfo.InvariantCulture, $"idle: {storage.Writes:N0} snapshots written for {activated:N0} users");
    }

    private static async Task ActivateEmptyAsync(BenchmarkSilo silo, string prefix, int count)
    {
        using var inFlight = new SemaphoreSlim(256);
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await inFlight.WaitAsync();
            var grain = silo.SiloGrains.GetGrain<IEmptyGrain>(prefix + "-" + i.ToString(CultureInfo.InvariantCulture));
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await grain.NothingAsync();
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
    }

    private static async Task ActivateUsersAsync(BenchmarkSilo silo, string prefix, int users, string[] itemIds, DateTimeOffset time)
    {
        using var inFlight = new SemaphoreSlim(256);
        var tasks = new List<Task>(users);
        for (var u = 0; u < users; u++)
        {
            await inFlight.WaitAsync();
            var user = silo.SiloGrains.GetGrain<IUserGrain>(prefix + "-" + u.ToString(CultureInfo.InvariantCulture));
            var userEvent = new UserEvent { EventId = prefix + "-e" + u.ToString(CultureInfo.InvariantCulture), Type = EventType.Click, ItemId = itemIds[u % itemIds.Length], Timestamp = time };
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await user.ApplyEventsAsync([userEvent]);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
    }

    /// <summary>
    /// What one event leaves in a user activation's own objects, made by the grain's own code: a
    /// <see cref="UserProfile"/> over a fresh state with the silo's options and string pool, one event applied.
    /// </summary>
    private static object[] BuildGrainData(BenchmarkSilo silo, int users, string[] itemIds, DateTimeOffset time)
    {
        var tracker = silo.Tracker;
        var embedding = new float[tracker.EmbeddingDim];
        embedding[0] = 1f;
        string[] categories = ["Drama", "Comedy"];
        var all = new object[users];
        for (var u = 0; u < users; u++)
        {
            // Fresh strings, as a request deserialized by the silo brings them.
            var userEvent = new UserEvent
            {
                EventId = "probe-e" + u.ToString(CultureInfo.InvariantCulture),
                Type = EventType.Click,
                ItemId = new string(itemIds[u % itemIds.Length].AsSpan()),
                Timestamp = time,
            };
            var profile = new UserProfile(new UserGrainState { ModelVersion = silo.ModelVersion }, tracker, silo.UserOptions, silo.SharedStrings);
            profile.Apply([userEvent], [new ResolvedEvent(embedding, categories)]);
            all[u] = profile;
        }

        return all;
    }

    private static long HeapBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
