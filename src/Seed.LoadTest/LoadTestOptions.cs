using System.Globalization;
using Seed.Client;

namespace Seed.LoadTest;

/// <summary>Command-line settings of one load-test run.</summary>
public sealed record LoadTestOptions
{
    /// <summary><c>http://host:port</c> (REST API) or <c>orleans:host:port</c> (an Orleans gateway).</summary>
    public required Uri? HttpTarget { get; init; }

    public string? OrleansGateway { get; init; }

    public string Mode { get; init; } = "synthetic";

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

    /// <summary>True when the run sends one read per drawn user and no events (--recommend-only or --summary-only).</summary>
    public bool ReadsOnly => RecommendOnly || SummaryOnly;

    /// <summary>Which of the workload's items to upsert before the run: missing (default), all or none.</summary>
    public string PreloadItems { get; init; } = "missing";

    /// <summary>Replay: the data set folder (any layout <c>DatasetLoader</c> reads).</summary>
    public string? DataPath { get; init; }

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

    public string Target => HttpTarget?.ToString() ?? "orleans:" + OrleansGateway;

    public const string Usage = """
        Usage: Seed.LoadTest --target <http://host:port | orleans:host:port> [--mode synthetic|replay]
                             (--rate R | --max | --speedup S (replay only)) [--concurrency C] [--batch B]
                             [--duration 30s] [--warmup 5s] [--recommend-per-event 0.1 | --recommend-only | --summary-only] [--k 20]
                             [--preload-items missing|all|none] [--no-seed-catalog (= none)]
                             [--json file] [--html file] [--seed 42] [--api-key KEY (http target with Seed:Auth on)]
          synthetic: [--users N] [--user-prefix lt-user-] [--items N | --catalog-items N [--data folder]] [--text-fraction 0.1] [--unique-texts] [--zipf 1.0]
          replay:    --data folder (events in time order, per-user order kept; --rate/--max ignore the data set's clock)
                     [--no-item-refresh] (review data sets: items keep their base text)
        """;

    public static LoadTestOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.\n{Usage}");
            }

            if (name is "--max" or "--no-seed-catalog" or "--recommend-only" or "--summary-only" or "--no-item-refresh" or "--unique-texts")
            {
                flags.Add(name);
            }
            else if (i + 1 < args.Count)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Option '{name}' needs a value.\n{Usage}");
            }
        }

        var target = values.GetValueOrDefault("--target") ?? throw new ArgumentException($"--target is required.\n{Usage}");
        Uri? http = null;
        string? gateway = null;
        if (target.StartsWith("orleans:", StringComparison.OrdinalIgnoreCase))
        {
            gateway = target["orleans:".Length..];
            GatewayClientHost.ParseGateway(gateway, "--target orleans:"); // a bad gateway is a usage error, before any work
        }
        else if (!Uri.TryCreate(target, UriKind.Absolute, out http) || (http.Scheme != Uri.UriSchemeHttp && http.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--target must be http(s)://host:port or orleans:host:port, not '{target}'.");
        }

        var options = new LoadTestOptions
        {
            HttpTarget = http,
            OrleansGateway = gateway,
            Mode = values.GetValueOrDefault("--mode", "synthetic"),
            Users = Int(values, "--users", 10_000, 1, 100_000_000),
            Items = Int(values, "--items", 2_000, 10, 10_000_000),
            Rate = values.ContainsKey("--rate") ? Double(values, "--rate", 0, 0.1, 10_000_000) : null,
            MaxThroughput = flags.Contains("--max"),
            Concurrency = Int(values, "--concurrency", 64, 1, 100_000),
            BatchSize = Int(values, "--batch", 1, 1, 1000),
            Duration = Span(values, "--duration", TimeSpan.FromSeconds(30)),
            Warmup = Span(values, "--warmup", TimeSpan.FromSeconds(5)),
            TextFraction = Double(values, "--text-fraction", 0.1, 0, 1),
            RecommendPerEvent = Double(values, "--recommend-per-event", 0.1, 0, 100),
            ZipfExponent = Double(values, "--zipf", 1.0, 0, 5),
            K = Int(values, "--k", 20, 1, 200),
            RecommendOnly = flags.Contains("--recommend-only"),
            SummaryOnly = flags.Contains("--summary-only"),
            NoItemRefresh = flags.Contains("--no-item-refresh"),
            UserPrefix = values.GetValueOrDefault("--user-prefix", "lt-user-"),
            UniqueTexts = flags.Contains("--unique-texts"),
            PreloadItems = flags.Contains("--no-seed-catalog") ? "none" : values.GetValueOrDefault("--preload-items", "missing"),
            DataPath = values.GetValueOrDefault("--data"),
            Speedup = values.ContainsKey("--speedup") ? Double(values, "--speedup", 1, 1e-3, 1e12) : null,
            CatalogItems = values.ContainsKey("--catalog-items") ? Int(values, "--catalog-items", 0, 1, 10_000_000) : null,
            JsonPath = values.GetValueOrDefault("--json"),
            HtmlPath = values.GetValueOrDefault("--html"),
            RandomSeed = Int(values, "--seed", 42, int.MinValue, int.MaxValue),
            ApiKey = values.GetValueOrDefault("--api-key"),
        };
        if (options.Mode is not ("synthetic" or "replay"))
        {
            throw new ArgumentException($"--mode must be synthetic or replay, not '{options.Mode}'.\n{Usage}");
        }

        var pacings = (options.Rate is null ? 0 : 1) + (options.MaxThroughput ? 1 : 0) + (options.Speedup is null ? 0 : 1);
        if (pacings != 1)
        {
            throw new ArgumentException($"Give exactly one of --rate R (open loop), --max (closed loop) and, for --mode replay, --speedup S.\n{Usage}");
        }

        if (options.RecommendOnly && options.SummaryOnly)
        {
            throw new ArgumentException($"Give at most one of --recommend-only and --summary-only.\n{Usage}");
        }

        if (options.Mode == "replay" && options.DataPath is null)
        {
            throw new ArgumentException($"--mode replay needs --data <folder> (e.g. data/ml-latest-small).\n{Usage}");
        }

        if (options.Mode == "synthetic" && options.Speedup is not null)
        {
            throw new ArgumentException("--speedup paces a replay by the data set's clock; use --rate or --max with --mode synthetic.");
        }

        if (options.PreloadItems is not ("missing" or "all" or "none"))
        {
            throw new ArgumentException($"--preload-items must be missing, all or none, not '{options.PreloadItems}'.");
        }

        return options;
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{raw}'.");
    }

    private static double Double(Dictionary<string, string> values, string name, double fallback, double min, double max)
    {
        if (!values.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a number from {min} to {max}, not '{raw}'.");
    }

    /// <summary>Durations as 30s, 2m, 500ms or a TimeSpan (00:00:30).</summary>
    private static TimeSpan Span(Dictionary<string, string> values, string name, TimeSpan fallback)
    {
        if (!values.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        (string Suffix, double Scale)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (raw.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(raw[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                return TimeSpan.FromSeconds(amount * scale);
            }
        }

        return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new ArgumentException($"{name} must be a duration such as 30s, 2m or 500ms, not '{raw}'.");
    }
}
