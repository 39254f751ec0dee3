using System.Globalization;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Grains.Users;

namespace Seed.Benchmarks;

/// <summary>
/// Bytes of managed heap per active user grain (not a BenchmarkDotNet benchmark: it measures a heap, not a time).
/// Activates N users in an in-process silo, each with one known-item event, forces full blocking compacting
/// collections and divides the growth of <see cref="GC.GetTotalMemory(bool)"/> by N. The same is then done for the
/// grain's own data alone, built directly by the grain's <see cref="UserProfile"/> (state, interest vectors, dedup
/// window, the strings), so the rest is
/// what Orleans keeps per activation; storage "None" versus "Memory" shows the copy the Memory provider keeps.
/// </summary>
public static class GrainMemoryProbe
{
    public static async Task<int> RunAsync(int users, string storage)
    {
        await using var silo = await BenchmarkSilo.StartAsync(storage, withClient: false);
        var items = BenchmarkSilo.MovieItems(1000);
        await silo.UpsertAsync(items);
        var itemIds = items.Select(item => item.Id).ToArray();
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Warm up code paths, pools and the grain directory's first pages, so they do not count as per-grain bytes.
        await ActivateAsync(silo, "warm", 2000, itemIds, time);
        var before = HeapBytes();
        await ActivateAsync(silo, "probe", users, itemIds, time);
        var after = HeapBytes();
        var perGrain = (after - before) / (double)users;

        // The grain's own objects, built as one event leaves them (same tracker, same collections, fresh strings).
        var baseline = HeapBytes();
        var own = BuildGrainData(silo, users, itemIds, time);
        var ownAfter = HeapBytes();
        var perOwn = (ownAfter - baseline) / (double)users;
        GC.KeepAlive(own);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage={storage} users={users:N0} heap before={before / 1e6:0.0} MB after={after / 1e6:0.0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes per active user grain (heap growth / users): {perGrain:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"of which the grain's own data (state, interest vectors, dedup set, ids), built directly: {perOwn:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rest (Orleans activation, directory, messaging, storage copy): {perGrain - perOwn:N0}"));
        return 0;
    }

    private static async Task ActivateAsync(BenchmarkSilo silo, string prefix, int users, string[] itemIds, DateTimeOffset time)
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
