using Seed.Core;

namespace Seed.LoadTest;

/// <summary>Settings of one load-test run; <see cref="LoadTestCommand"/> builds them from the command line.</summary>
public sealed record LoadTestOptions
{
    /// <summary>The REST API's root URL; null when the run goes to <see cref="OrleansGateway"/>.</summary>
    public Uri? HttpTarget { get; init; }

    /// <summary>An Orleans gateway as <c>ip:port</c>; null when the run goes to <see cref="HttpTarget"/>.</summary>
    public string? OrleansGateway { get; init; }

    /// <summary>Orleans cluster id of <see cref="OrleansGateway"/>.</summary>
    public string ClusterId { get; init; } = "seed-dev";

    /// <summary>Orleans service id of <see cref="OrleansGateway"/>.</summary>
    public string ServiceId { get; init; } = "seed";

    public WorkloadMode Mode { get; init; } = WorkloadMode.Synthetic;

    public int Users { get; init; } = 10_000;

    public int Items { get; init; } = 2_000;

    /// <summary>Events per second offered (open loop); null with <see cref="MaxThroughput"/>.</summary>
    public double? Rate { get; init; }

    public bool MaxThroughput { get; init; }

    /// <summary>Concurrent callers in closed-loop mode, and the cap on operations in flight in open-loop mode.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Events per request: the REST API accepts batches; the grain path takes one user's events per call.</summary>
    public int BatchSize { get; init; } = 1;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of events that are free-text searches going through the encoder pool.</summary>
    public double TextFraction { get; init; } = 0.1;

    /// <summary>Recommendation requests per event (0.1 = one for every ten events).</summary>
    public double RecommendPerEvent { get; init; } = 0.1;

    public double ZipfExponent { get; init; } = 1.0;

    public int K { get; init; } = 20;

    /// <summary>Synthetic user ids are this prefix plus the Zipf rank; a new prefix gives fresh users (empty state).</summary>
    public string UserPrefix { get; init; } = "lt-user-";

    /// <summary>Synthetic: every search text distinct, so the encoder's cache never answers (measures the encoder).</summary>
    public bool UniqueTexts { get; init; }

    /// <summary>
    /// Only recommendation requests, one per drawn event's user, no events: finds the recommend path's own maximum
    /// (--max) and its latency at a fixed rate (--rate is then requests/s). Run an event phase first so users have history.
    /// </summary>
    public bool RecommendOnly { get; init; }

    /// <summary>
    /// Only user-summary reads (one user-grain call, no catalog work), scheduled exactly like --recommend-only: the
    /// latency floor of the transport and runtime on this machine, to quote recommendation latency against.
    /// </summary>
    public bool SummaryOnly { get; init; }

    /// <summary>
    /// Each operation is one event for a drawn user on the top item of that user's last recommendation list, then the
    /// same user's recommendations at once: the round trip's latency, and whether the event was visible (the item, now
    /// seen, left the list). One user's operations never overlap (<c>PerUserSequencer</c>); --rate counts round trips.
    /// </summary>
    public bool EventThenRecommend { get; init; }

    /// <summary>True when the run sends one read per drawn user and no events (--recommend-only or --summary-only).</summary>
    public bool ReadsOnly => RecommendOnly || SummaryOnly;

    /// <summary>Which of the workload's items to upsert before the run.</summary>
    public ItemPreload PreloadItems { get; init; } = ItemPreload.Missing;

    /// <summary>
    /// When set: this many new items (recombined from <see cref="DataPath"/>, ids unique to <see cref="UserPrefix"/>)
    /// are upserted once the warm-up is over, while the load runs; the report compares the load during and after it.
    /// </summary>
    public int? UpsertDuring { get; init; }

    /// <summary>
    /// Replay: the data set folder (any layout <c>DatasetLoader</c> reads); synthetic with <see cref="CatalogItems"/>: the
    /// source of the catalog's words. As given (the report shows it); resolve with <see cref="RepositoryPaths.Resolve(string)"/>.
    /// </summary>
    public string DataPath { get; init; } = ShippedPaths.MovieLens;

    /// <summary>
    /// Replay of a review data set: keep every item at its base text instead of upserting its text after each review
    /// day (<c>ItemTextRefreshingTarget</c>), to price the refreshes against the event path alone.
    /// </summary>
    public bool NoItemRefresh { get; init; }

    /// <summary>Replay: data set time runs this many times faster than wall-clock time (open loop).</summary>
    public double? Speedup { get; init; }

    /// <summary>Synthetic: a catalog of this many items recombined from the data set's real titles (see <c>RealisticCatalog</c>).</summary>
    public int? CatalogItems { get; init; }

    public string? JsonPath { get; init; }

    public string? HtmlPath { get; init; }

    public int RandomSeed { get; init; } = 42;

    /// <summary>
    /// Sent as <c>Authorization: Bearer</c> to an HTTP target with Seed:Auth on. It needs events:write, items:write
    /// and users:read, and users:admin for the item probe (which erases its throw-away user).
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Synthetic: this many users, each sending exactly one event (user ids are <see cref="UserPrefix"/> plus a sequence
    /// number), then the load ends: what many distinct users cost a silo, and whether it lets them go when idle.
    /// </summary>
    public int? DistinctUsers { get; init; }

    /// <summary>After the load, keep sampling the silo's memory this long (idle users being deactivated).</summary>
    public TimeSpan Idle { get; init; }

    /// <summary>The silo's process id on this machine: its RSS is sampled every second into the report (Linux /proc).</summary>
    public int? SiloPid { get; init; }

    public string Target => HttpTarget?.ToString() ?? "orleans:" + OrleansGateway;
}
