using System.Globalization;
using BenchmarkDotNet.Attributes;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Core.Interest;
using Seed.Grains.Catalog;

namespace Seed.Benchmarks;

/// <summary>
/// The actor overhead of the event path: one known-item event through <c>IUserGrain.ApplyEventsAsync</c> (dedup, catalog
/// lookup in the owning shard, <c>InterestTracker.Apply</c>, bookkeeping, state write, one-way
/// popularity report) against the same computation called directly (a dictionary lookup of the item's embedding and
/// <c>InterestTracker.Apply</c>). Calls go round-robin over <see cref="Users"/> users, each pre-filled with a full
/// event-id window (<see cref="Window"/>; the default 4096 is the steady state of an active user). Storage "None"
/// replaces the users' Memory storage with a no-op one: the difference prices the per-batch state write;
/// "MemoryBinary" is Memory storage serialising with Orleans' binary serializer instead of JSON.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[GcServer(true)] // as the silo runs (ASP.NET Core hosts default to server GC)
[MemoryDiagnoser]
public class GrainEventPathBenchmarks
{
    private const int Users = 64;
    private const int CatalogSize = 1000;
    private const int ShardCount = 4;

    private BenchmarkSilo _silo = null!;
    private IUserGrain[] _siloUsers = null!;
    private IUserGrain[] _clientUsers = null!;
    private Dictionary<string, (float[] Embedding, IReadOnlyList<string> Categories)> _directCatalog = null!;
    private UserInterestState[] _directStates = null!;
    private InterestTracker _tracker = null!;
    private string[] _itemIds = null!;
    private DateTimeOffset _time;
    private long _sequence;

    [Params("Memory", "MemoryBinary", "None")]
    public string Storage { get; set; } = "Memory";

    /// <summary>
    /// <c>Seed:Users:EventIdWindow</c>, and how many events each user gets before measuring: 4096 is the default
    /// (an active user's steady state), 64 a small state, so the write's cost can be read against the state's size.
    /// </summary>
    [Params(64, 4096)]
    public int Window { get; set; } = 4096;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await BenchmarkSilo.StartAsync(Storage, withClient: true, Window);
        var items = BenchmarkSilo.MovieItems(CatalogSize);
        await _silo.UpsertAsync(items);
        _itemIds = [.. items.Select(item => item.Id)];
        _tracker = _silo.Tracker;

        var lookups = await CatalogSharding.LookupInShardsAsync(_silo.SiloGrains, _itemIds, ShardCount);
        _directCatalog = lookups.ToDictionary(l => l.ItemId, l => (l.Embedding, l.Categories), StringComparer.Ordinal);
        _directStates = [.. Enumerable.Range(0, Users).Select(_ => _tracker.CreateState())];

        // Fill every user's event-id window, so each measured call writes the steady-state size of an active user.
        _time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _siloUsers = [.. Enumerable.Range(0, Users).Select(u => _silo.SiloGrains.GetGrain<IUserGrain>($"bench-{Storage}-{Window}-{u}"))];
        _clientUsers = [.. Enumerable.Range(0, Users).Select(u => _silo.ClientGrains.GetGrain<IUserGrain>($"bench-{Storage}-{Window}-{u}"))];
        foreach (var user in _siloUsers)
        {
            for (var start = 0; start < Window; start += 1000)
            {
                await user.ApplyEventsAsync([.. Enumerable.Range(0, Math.Min(1000, Window - start)).Select(_ => NextEvent())]);
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _silo.DisposeAsync();

    [Benchmark(Baseline = true, Description = "Direct: lookup + InterestTracker.Apply")]
    public EventApplication Direct()
    {
        var e = NextEvent();
        var (embedding, _) = _directCatalog[e.ItemId!];
        return _tracker.Apply(_directStates[_sequence % Users], embedding, e.Type, e.Rating, e.Timestamp);
    }

    [Benchmark(Description = "Grain, called inside the silo")]
    public Task<EventBatchResult> SiloGrain() => _siloUsers[_sequence % Users].ApplyEventsAsync([NextEvent()]);

    [Benchmark(Description = "Grain, through the client gateway")]
    public Task<EventBatchResult> ClientGrain() => _clientUsers[_sequence % Users].ApplyEventsAsync([NextEvent()]);

    /// <summary>64 users at once: the CPU cost per event when the silo is kept busy, not the latency of one call.</summary>
    [Benchmark(OperationsPerInvoke = Users, Description = "Grain inside the silo, 64 concurrent users")]
    public Task SiloGrainConcurrent() => Task.WhenAll(_siloUsers.Select(user => user.ApplyEventsAsync([NextEvent()])));

    [Benchmark(OperationsPerInvoke = Users, Description = "Grain through the gateway, 64 concurrent users")]
    public Task ClientGrainConcurrent() => Task.WhenAll(_clientUsers.Select(user => user.ApplyEventsAsync([NextEvent()])));

    /// <summary>The event path's item lookup: straight to the owning shard (<c>CatalogSharding.LookupInShardsAsync</c>).</summary>
    [Benchmark(OperationsPerInvoke = Users, Description = "Lookup straight to the shard, 64 concurrent")]
    public Task LookupDirectToShard() =>
        Task.WhenAll(Enumerable.Range(0, Users).Select(_ => CatalogSharding.LookupInShardsAsync(_silo.SiloGrains, [NextEvent().ItemId!], ShardCount)));

    private UserEvent NextEvent()
    {
        var n = Interlocked.Increment(ref _sequence);
        _time = _time.AddSeconds(1); // only the benchmark thread calls this (the Selects above run synchronously)
        return new UserEvent
        {
            EventId = "b" + n.ToString(CultureInfo.InvariantCulture),
            Type = EventType.Click,
            ItemId = _itemIds[(int)(n * 7919 % _itemIds.Length)],
            Timestamp = _time,
        };
    }
}
