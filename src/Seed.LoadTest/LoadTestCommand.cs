using System.CommandLine;
using System.Globalization;
using Seed.Tools;

namespace Seed.LoadTest;

/// <summary>The load test's command line (System.CommandLine): its options, their checks, and the <see cref="LoadTestOptions"/> they give.</summary>
internal sealed class LoadTestCommand : IToolCommand<LoadTestOptions>
{
    private static readonly LoadTestOptions Defaults = new();

    private readonly Option<Uri?> _http = CommonOptions.Http("Load the REST API at this root URL (events in batches, recommendations, item upserts).");
    private readonly Option<string?> _cluster = CommonOptions.Cluster("Load an Orleans gateway directly (the grain path, one user's events per call).");

    // The earlier spelling of both targets; hidden, kept so that existing scripts run.
    private readonly Option<string?> _target = TypedOptions.Parsed<string?>("--target", "Either target: http(s)://host:port or orleans:<ip>:<port>.", text =>
        CommonOptions.TryGateway(text, out _) || CommonOptions.TryHttp(text, out _)
            ? (text, null)
            : (null, TypedOptions.Refusal("--target", "http(s)://host:port or orleans:<ip>:<port>", text)), "target");

    private readonly Option<string> _clusterId = CommonOptions.ClusterId();
    private readonly Option<string> _serviceId = CommonOptions.ServiceId();
    private readonly ChoiceOption<WorkloadMode> _mode = new("--mode", "Synthetic users and items, or a replay of the --data set's events in time order (per-user order kept).", Defaults.Mode);
    private readonly Option<double?> _rate = TypedOptions.OptionalNumber("--rate", "Open loop: events offered per second (with --recommend-only or --summary-only: reads per second; with --event-then-recommend: round trips per second).", 0.1, 10_000_000);
    private readonly Option<bool> _max = new("--max") { Description = "Closed loop: --concurrency callers, each sending as soon as its last call returns." };
    private readonly Option<double?> _speedup = TypedOptions.OptionalNumber("--speedup", "Replay only, open loop: the data set's clock runs this many times faster than the wall clock.", 1e-3, 1e12);
    private readonly Option<int> _concurrency = TypedOptions.Int("--concurrency", "Callers in the closed loop; the cap on calls in flight in the open loop.", Defaults.Concurrency, 1, 100_000);
    private readonly Option<int> _batch = TypedOptions.Int("--batch", "Events per request (the REST API takes batches; the grain path one user's events per call).", Defaults.BatchSize, 1, 1000);
    private readonly Option<TimeSpan> _duration = Duration("--duration", "Measured time", Defaults.Duration);
    private readonly Option<TimeSpan> _warmup = Duration("--warmup", "Warm-up time before the measurement", Defaults.Warmup);
    private readonly Option<double> _recommendPerEvent = TypedOptions.Number("--recommend-per-event", "Recommendation requests per event (0.1: one for every ten events).", Defaults.RecommendPerEvent, 0, 100);
    private readonly Option<bool> _recommendOnly = new("--recommend-only") { Description = "Only recommendation requests, one per drawn user, no events (run an event phase first)." };
    private readonly Option<bool> _summaryOnly = new("--summary-only") { Description = "Only user-summary reads, scheduled as --recommend-only: the transport's latency floor." };
    private readonly Option<bool> _eventThenRecommend = new("--event-then-recommend") { Description = "Synthetic: each operation posts one event for a user on the top item of their last recommendations, then reads their recommendations at once; reports the round trip and whether the event was visible (--rate: round trips per second)." };
    private readonly Option<int> _k = TypedOptions.Int("--k", "Recommendations asked for per request.", Defaults.K, 1, 200);
    private readonly ChoiceOption<ItemPreload> _preloadItems = new("--preload-items", "Which of the workload's items to upsert before the run (a replay with item text changes: all).", Defaults.PreloadItems);
    private readonly Option<bool> _noSeedCatalog = new("--no-seed-catalog") { Description = "The same as --preload-items none." };
    private readonly Option<string> _data = CommonOptions.Data("Replay: the data set (any layout the data set loader reads). Synthetic with --catalog-items: the source of the titles.");
    private readonly Option<bool> _noItemRefresh = new("--no-item-refresh") { Description = "Replay of a review data set: items keep their base text (no upserts after each review day)." };
    private readonly Option<int> _users = TypedOptions.Int("--users", "Synthetic: distinct users (Zipf ranks).", Defaults.Users, 1, 100_000_000);
    private readonly Option<string> _userPrefix = new("--user-prefix") { Description = "Synthetic: user ids are this prefix plus the rank; a new prefix gives fresh users.", DefaultValueFactory = _ => Defaults.UserPrefix };
    private readonly Option<int> _items = TypedOptions.Int("--items", "Synthetic: catalog size (generated titles).", Defaults.Items, 10, 10_000_000);
    private readonly Option<int?> _catalogItems = TypedOptions.OptionalInt("--catalog-items", "Synthetic: a catalog of this many items recombined from the --data set's real titles, instead of --items.", 1, 10_000_000);
    private readonly Option<int?> _upsertDuring = TypedOptions.OptionalInt("--upsert-during", "After the warm-up, upsert this many new items (recombined from --data) while the load runs; the report compares latencies during and after the upsert and gives its items/s.", 1, 10_000_000);
    private readonly Option<double> _textFraction = TypedOptions.Number("--text-fraction", "Synthetic: share of events that are free-text searches (through the encoder).", Defaults.TextFraction, 0, 1);
    private readonly Option<bool> _uniqueTexts = new("--unique-texts") { Description = "Synthetic: every search text distinct, so the encoder's cache never answers." };
    private readonly Option<double> _zipf = TypedOptions.Number("--zipf", "Synthetic: Zipf exponent of user and item popularity.", Defaults.ZipfExponent, 0, 5);
    private readonly Option<string?> _json = new("--json") { Description = "Write the report as JSON to this file.", HelpName = "file" };
    private readonly Option<string?> _html = new("--html") { Description = "Write the report as a self-contained HTML page to this file.", HelpName = "file" };
    private readonly Option<int> _seed = TypedOptions.Int("--seed", "Random seed of the synthetic workload and catalog.", Defaults.RandomSeed, int.MinValue, int.MaxValue);
    private readonly Option<int?> _distinctUsers = TypedOptions.OptionalInt("--distinct-users", "Synthetic: this many users, one event each (--user-prefix plus a sequence number), then the load ends; give --duration of at least N / --rate.", 1, 100_000_000);
    private readonly Option<TimeSpan> _idle = Duration("--idle", "After the load, keep sampling the silo's memory (needs --silo-pid)", TimeSpan.Zero);
    private readonly Option<int?> _siloPid = TypedOptions.OptionalInt("--silo-pid", "The silo's process id on this machine: its RSS (/proc/<pid>/status, Linux) is sampled every second into the report.", 1, int.MaxValue);
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "Sent as Authorization: Bearer to an --http target with Seed:Auth on.", HelpName = "key" };

    public LoadTestCommand()
    {
        _target.Hidden = true;
        Root = new RootCommand("Load test: open-loop (constant arrival rate) or closed-loop load against a running cluster's REST API or an Orleans gateway. "
            + "Give one target (--http or --cluster) and one pacing (--rate, --max or, for a replay, --speedup).")
        {
            _http, _cluster, _target, _clusterId, _serviceId, _mode, _rate, _max, _speedup, _concurrency, _batch, _duration, _warmup,
            _recommendPerEvent, _recommendOnly, _summaryOnly, _eventThenRecommend, _k, _preloadItems, _noSeedCatalog, _data, _noItemRefresh,
            _users, _userPrefix, _items, _catalogItems, _upsertDuring, _textFraction, _uniqueTexts, _zipf, _json, _html, _seed, _apiKey,
            _distinctUsers, _idle, _siloPid,
        };
    }

    public RootCommand Root { get; }

    /// <summary>Runs <paramref name="run"/> with the options <paramref name="args"/> give; help, or one error line and exit code 2.</summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, Func<LoadTestOptions, Task<int>> run, TextWriter? output = null, TextWriter? error = null) =>
        ToolCommandLine.InvokeAsync(new LoadTestCommand(), args, run, output, error);

    /// <summary>The options <paramref name="args"/> give; <see cref="ArgumentException"/> with the error line on a mistake.</summary>
    public static LoadTestOptions Parse(IReadOnlyList<string> args) => ToolCommandLine.Parse(new LoadTestCommand(), args);

    /// <summary>The options of a command line that parsed; <see cref="ArgumentException"/> where options exclude each other.</summary>
    public LoadTestOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (http, gateway) = Target(result);
        var options = new LoadTestOptions
        {
            HttpTarget = http,
            OrleansGateway = gateway,
            ClusterId = result.GetValue(_clusterId)!,
            ServiceId = result.GetValue(_serviceId)!,
            Mode = _mode.GetValue(result),
            Users = result.GetValue(_users),
            Items = result.GetValue(_items),
            Rate = result.GetValue(_rate),
            MaxThroughput = result.GetValue(_max),
            Concurrency = result.GetValue(_concurrency),
            BatchSize = result.GetValue(_batch),
            Duration = result.GetValue(_duration),
            Warmup = result.GetValue(_warmup),
            TextFraction = result.GetValue(_textFraction),
            RecommendPerEvent = result.GetValue(_recommendPerEvent),
            ZipfExponent = result.GetValue(_zipf),
            K = result.GetValue(_k),
            RecommendOnly = result.GetValue(_recommendOnly),
            SummaryOnly = result.GetValue(_summaryOnly),
            EventThenRecommend = result.GetValue(_eventThenRecommend),
            NoItemRefresh = result.GetValue(_noItemRefresh),
            UserPrefix = result.GetValue(_userPrefix)!,
            UniqueTexts = result.GetValue(_uniqueTexts),
            PreloadItems = result.GetValue(_noSeedCatalog) ? ItemPreload.None : _preloadItems.GetValue(result),
            DataPath = result.GetValue(_data)!,
            Speedup = result.GetValue(_speedup),
            CatalogItems = result.GetValue(_catalogItems),
            UpsertDuring = result.GetValue(_upsertDuring),
            JsonPath = result.GetValue(_json),
            HtmlPath = result.GetValue(_html),
            RandomSeed = result.GetValue(_seed),
            ApiKey = result.GetValue(_apiKey),
            DistinctUsers = result.GetValue(_distinctUsers),
            Idle = result.GetValue(_idle),
            SiloPid = result.GetValue(_siloPid),
        };

        var pacings = (options.Rate is null ? 0 : 1) + (options.MaxThroughput ? 1 : 0) + (options.Speedup is null ? 0 : 1);
        if (pacings != 1)
        {
            throw new ArgumentException("Give exactly one of --rate R (open loop), --max (closed loop) and, for --mode replay, --speedup S.");
        }

        if ((options.RecommendOnly ? 1 : 0) + (options.SummaryOnly ? 1 : 0) + (options.EventThenRecommend ? 1 : 0) > 1)
        {
            throw new ArgumentException("Give no more than one of --recommend-only, --summary-only and --event-then-recommend.");
        }

        if (options.EventThenRecommend && (options.Mode != WorkloadMode.Synthetic || options.BatchSize != 1))
        {
            throw new ArgumentException("--event-then-recommend posts one event per round trip for a synthetic user; use it with --mode synthetic and --batch 1.");
        }

        CheckMemoryRun(options);
        return options.Mode == WorkloadMode.Synthetic && options.Speedup is not null
            ? throw new ArgumentException("--speedup paces a replay by the data set's clock; use --rate or --max with --mode synthetic.")
            : options;
    }

    /// <summary>The rules of --distinct-users, --idle and --silo-pid (a "many users, then idle" memory run).</summary>
    private static void CheckMemoryRun(LoadTestOptions options)
    {
        if (options.DistinctUsers is not null && (options.Mode != WorkloadMode.Synthetic || options.ReadsOnly))
        {
            throw new ArgumentException("--distinct-users sends events of synthetic users: use it with --mode synthetic, without --recommend-only or --summary-only.");
        }

        if (options.DistinctUsers is not null && options.BatchSize != 1)
        {
            throw new ArgumentException("--distinct-users sends one event per user and request: leave --batch at 1.");
        }

        if (options.Idle > TimeSpan.Zero && options.SiloPid is null)
        {
            throw new ArgumentException("--idle samples the silo's memory after the load: give the silo's process id with --silo-pid.");
        }

        if (options.SiloPid is { } pid && Monitoring.ProcessMemory.ReadRssBytes(pid) is null)
        {
            throw new ArgumentException($"--silo-pid {pid}: no readable {Monitoring.ProcessMemory.StatusPath(pid)} with a VmRSS line (a running process on this Linux machine).");
        }
    }

    private (Uri? Http, string? Gateway) Target(ParseResult result)
    {
        var http = result.GetValue(_http);
        var gateway = result.GetValue(_cluster);
        if (result.GetValue(_target) is { } target)
        {
            _ = CommonOptions.TryGateway(target, out gateway) || CommonOptions.TryHttp(target, out http);
        }

        var given = (result.GetResult(_http) is null ? 0 : 1) + (result.GetResult(_cluster) is null ? 0 : 1) + (result.GetResult(_target) is null ? 0 : 1);
        return given == 1
            ? (http, gateway)
            : throw new ArgumentException("Give one target: --http <url> (the REST API) or --cluster orleans:<ip>:<port> (an Orleans gateway).");
    }

    /// <summary>Durations as 30s, 2m, 500ms, 1h or a TimeSpan (00:00:30).</summary>
    private static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) =>
        TypedOptions.WithDefault(TypedOptions.Parsed(name, description + ": 30s, 2m, 500ms or 00:00:30.", text => ParseDuration(name, text), "duration"), defaultValue);

    private static (TimeSpan, string?) ParseDuration(string name, string text)
    {
        (string Suffix, double Scale)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                return (TimeSpan.FromSeconds(amount * scale), null);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? (span, null)
            : (TimeSpan.Zero, TypedOptions.Refusal(name, "a duration such as 30s, 2m or 500ms", text));
    }
}
