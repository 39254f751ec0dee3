using System.Globalization;
using BenchmarkDotNet.Attributes;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;

namespace Seed.Benchmarks;

/// <summary>
/// One click, one call, as an external Orleans client (the web frontend, the harness) sends it: a single known-item
/// event through <c>IUserGrain.ApplyEventsAsync</c> against the floor, an empty grain call, both through the gateway,
/// 64 callers at once (the CPU cost per call on a busy silo; read the ratio). The cheapest user read
/// (<c>GetSummaryAsync</c>, what the harness's <c>--summary-only</c> sends) sits between them. Target: an event at most
/// 2x the empty call's time, i.e. events/s at least 0.5x the empty call's rate. Two calls price where the rest goes: the
/// empty call carrying the event and answering a batch result (the payload and reply alone), and single events in the
/// load harness's mix of kinds instead of purchases only. The users' snapshots go to Memory
/// storage with Orleans' binary serializer, as the embedded silo configures it (the provider's own default is JSON),
/// and the silo serves the learned interest model (setup refuses to run without it).
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[GcServer(true)] // as the silo runs (ASP.NET Core hosts default to server GC)
[MemoryDiagnoser]
public class SingleEventBenchmarks
{
    /// <summary>Calls in flight per benchmark call: each benchmark call is this many operations.</summary>
    internal const int Callers = 64;

    /// <summary>The users' snapshot interval in events: the silo's default, which setup checks the silo uses.</summary>
    internal const int EventsPerSnapshot = 100;
    private const int CatalogSize = 1000;

    private BenchmarkSilo _silo = null!;
    private IUserGrain[] _users = null!;
    private IEmptyGrain[] _empty = null!;
    private string[] _itemIds = null!;
    private DateTimeOffset _time;
    private long _sequence;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await BenchmarkSilo.StartAsync("MemoryBinary", withClient: true);
        if (!_silo.Tracker.UsesLearnedModel)
        {
            // Without the learned model there is no LSTM step and no co-like report: a cheaper path than the silo runs.
            throw new InvalidOperationException(
                "SingleEventBenchmarks prices the event path with the learned interest model, as the embedded silo serves it; run a build "
                + "inside the repository, where the silo finds models/interest-lstm.");
        }

        if (_silo.UserOptions.SnapshotEveryEvents != EventsPerSnapshot)
        {
            throw new InvalidOperationException($"SingleEventBenchmarks expects a snapshot every {EventsPerSnapshot} events; the silo writes one every {_silo.UserOptions.SnapshotEveryEvents}.");
        }

        var items = BenchmarkSilo.MovieItems(CatalogSize);
        await _silo.UpsertAsync(items);
        _itemIds = [.. items.Select(item => item.Id)];
        _time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _users = [.. Enumerable.Range(0, Callers).Select(u => _silo.ClientGrains.GetGrain<IUserGrain>($"single-{u}"))];
        _empty = [.. Enumerable.Range(0, Callers).Select(u => _silo.ClientGrains.GetGrain<IEmptyGrain>($"empty-{u}"))];
        // Active users with some history, as on a running site: activation and the first events are not measured.
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(_users.Select(user => user.ApplyEventsAsync([NextPurchase()])));
        }

        await Task.WhenAll(_empty.Select(grain => grain.NothingAsync()));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _silo.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Callers, Description = "Empty grain call, 64 callers")]
    public Task EmptyCall() => Task.WhenAll(_empty.Select(grain => grain.NothingAsync()));

    [Benchmark(OperationsPerInvoke = Callers, Description = "User summary read, 64 callers")]
    public Task SummaryRead() => Task.WhenAll(_users.Select(user => user.GetSummaryAsync()));

    [Benchmark(OperationsPerInvoke = Callers, Description = "Empty grain call carrying an event, 64 callers")]
    public Task EmptyCallCarryingEvent() => Task.WhenAll(_empty.Select(grain => grain.CarryEventsAsync([NextPurchase()])));

    [Benchmark(OperationsPerInvoke = Callers, Description = "One known-item event, 64 callers")]
    public Task SingleEvent() => Task.WhenAll(_users.Select(user => user.ApplyEventsAsync([NextPurchase()])));

    [Benchmark(OperationsPerInvoke = Callers, Description = "One known-item event of the harness's mix, 64 callers")]
    public Task ShopMixEvent() => Task.WhenAll(_users.Select(user => user.ApplyEventsAsync([NextEvent(ShopMixType)])));

    /// <summary>
    /// Returns once the interaction reports of the events sent so far have been counted: a recommendation flushes the
    /// silo's pending reports and then asks every shard, whose turns come after the reports' (the one-way reports
    /// otherwise finish after the calls that made them, in whatever is timed next).
    /// </summary>
    internal Task SettleReportsAsync() => _users[0].RecommendAsync(new RecommendationRequest { K = 1 });

    /// <summary>
    /// The load harness's item events (<c>SyntheticWorkload</c>: 55% views, 25% clicks, 10% add-to-cart, 7% purchases,
    /// 3% dislikes), dealt in turn by the event's sequence number so that every run sends the same kinds.
    /// </summary>
    private static EventType ShopMixType(long sequence) => (sequence % 100) switch
    {
        < 55 => EventType.View,
        < 80 => EventType.Click,
        < 90 => EventType.AddToCart,
        < 97 => EventType.Purchase,
        _ => EventType.Dislike,
    };

    /// <summary>A purchase: a like, so it also makes a live-count report and co-like counts (the full path).</summary>
    private UserEvent NextPurchase() => NextEvent(static _ => EventType.Purchase);

    /// <param name="kindOf">The event's kind from its sequence number.</param>
    private UserEvent NextEvent(Func<long, EventType> kindOf)
    {
        var n = Interlocked.Increment(ref _sequence);
        _time = _time.AddSeconds(1); // only the benchmark thread calls this (the Selects above run synchronously)
        return new UserEvent
        {
            EventId = "s" + n.ToString(CultureInfo.InvariantCulture),
            Type = kindOf(n),
            ItemId = _itemIds[(int)(n * 7919 % _itemIds.Length)],
            Timestamp = _time,
        };
    }
}
