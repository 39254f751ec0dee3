using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;
using Seed.Core.Interest;
using Seed.Datasets;
using Seed.Grains.Hosting;
using Seed.Grains.Users;
using Seed.Persistence.Postgres;
using Seed.Storage;

namespace Seed.Benchmarks;

/// <summary>
/// One in-process silo configured like the embedded default (localhost clustering, Memory storage, the shipped
/// encoder, 4 catalog shards), optionally with an Orleans client connected through the gateway like the load harness.
/// The <c>userStorage</c> argument of <see cref="StartAsync"/>: "None" swaps the users' Memory storage for <see cref="NullGrainStorage"/>, which
/// prices the per-batch state write without touching the user grain; "MemoryBinary" is Memory storage with Orleans'
/// binary serializer instead of the default JSON one; "Durable" is the no-op storage with <see cref="NonRetainingEventLog"/>
/// instead of the in-memory log, the production shape of the silo's memory (PostgreSQL keeps snapshots and events
/// out of process) for <see cref="GrainMemoryProbe"/>, which has no database.
/// </summary>
public sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _silo;
    private readonly IHost? _client;

    private BenchmarkSilo(IHost silo, IHost? client, NullGrainStorage? userStorage)
    {
        _silo = silo;
        _client = client;
        NullUserStorage = userStorage;
    }

    /// <summary>The users' no-op storage ("None", "Durable"), null with Memory storage.</summary>
    public NullGrainStorage? NullUserStorage { get; }

    /// <summary>Grain calls made inside the silo process (no network, no gateway).</summary>
    public IGrainFactory SiloGrains => _silo.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Grain calls through the gateway over loopback TCP, as an external Orleans client makes them.</summary>
    public IGrainFactory ClientGrains => (_client ?? throw new InvalidOperationException("Started without a client.")).Services.GetRequiredService<IClusterClient>();

    /// <summary>The tracker the silo's grains share (same options and model).</summary>
    public InterestTracker Tracker => _silo.Services.GetRequiredService<InterestModelProvider>().Tracker;

    /// <summary>The version of the interest model the silo serves (what a user state records).</summary>
    public string ModelVersion => _silo.Services.GetRequiredService<InterestModelProvider>().Current.Version;

    /// <summary>The user grains' settings as the silo resolved them.</summary>
    public UserOptions UserOptions => _silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<UserOptions>>().Value;

    /// <summary>The silo's pool of item ids and category names the user grains keep.</summary>
    public SharedStrings SharedStrings => _silo.Services.GetRequiredService<SharedStrings>();

    /// <param name="userStorage">"Memory", "MemoryBinary", "None" or "Durable" (see the class remarks).</param>
    /// <param name="withClient">Also start an Orleans client connected through the gateway.</param>
    /// <param name="eventIdWindow">The user grains' idempotency window.</param>
    /// <param name="encoderSettings">Extra <c>Seed:Encoder:*</c> settings (key without the section), e.g. another model.</param>
    /// <param name="snapshotInterval">The user grains' snapshot timer; null keeps the default.</param>
    public static async Task<BenchmarkSilo> StartAsync(
        string userStorage, bool withClient, int eventIdWindow = 4096, IReadOnlyDictionary<string, string>? encoderSettings = null, TimeSpan? snapshotInterval = null)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Seed:Encoder:Model"] = Path.Combine(BenchmarkTexts.SharedRoot, "models", "potion-base-4M-int8"),
                ["Seed:InterestModel:Path"] = "models/interest-lstm",
                ["Seed:Catalog:ShardCount"] = "4",
                ["Seed:Users:EventIdWindow"] = eventIdWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .AddInMemoryCollection(snapshotInterval is { } interval
                ? [new("Seed:Users:SnapshotInterval", interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture))]
                : [])
            .AddInMemoryCollection((encoderSettings ?? new Dictionary<string, string>())
                .Select(setting => new KeyValuePair<string, string?>("Seed:Encoder:" + setting.Key, setting.Value)))
            .Build();
        // Configured in code only: the output folder also holds the silo's appsettings files (through the cluster test
        // project the durability probe uses), whose Orleans section would otherwise pick a provider for this silo.
        var nullStorage = userStorage is "Memory" or "MemoryBinary" ? null : new NullGrainStorage();
        var silo = Host.CreateDefaultBuilder()
            .ConfigureAppConfiguration(sources => sources.Sources.Clear())
            .UseOrleans(builder =>
            {
                builder.UseLocalhostClustering(siloPort, gatewayPort);
                builder.AddMemoryGrainStorage("catalog");
                switch (userStorage)
                {
                    case "Memory":
                        builder.AddMemoryGrainStorage("users");
                        break;
                    case "MemoryBinary":
                        // Memory storage with Orleans' binary format instead of its default (Newtonsoft JSON), as the silo writes it.
                        builder.AddMemoryGrainStorage("users", options => options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new ExactSizeGrainStorageSerializer(serializer)));
                        break;
                    case "Durable":
                        builder.Services.AddGrainStorage("users", (_, _) => nullStorage!);
                        // Registered before the grain services, whose in-memory log is only a fallback (TryAdd).
                        builder.Services.AddSingleton<IEventLog, NonRetainingEventLog>();
                        break;
                    default:
                        builder.Services.AddGrainStorage("users", (_, _) => nullStorage!);
                        break;
                }

                builder.Services.AddSeedGrainServices(configuration);
            })
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await silo.StartAsync();
        IHost? client = null;
        if (withClient)
        {
            client = Host.CreateDefaultBuilder()
                .ConfigureAppConfiguration(sources => sources.Sources.Clear())
                .UseOrleansClient(builder => builder.UseLocalhostClustering(gatewayPort))
                .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
                .Build();
            await client.StartAsync();
        }

        return new BenchmarkSilo(silo, client, nullStorage);
    }

    /// <summary>The first <paramref name="count"/> MovieLens movies as catalog items (title + genres, as the demo catalog).</summary>
    public static List<CatalogItem> MovieItems(int count) =>
    [
        .. MovieLensLatestReader.ReadItems(Path.Combine(BenchmarkTexts.SharedRoot, "data", "ml-latest-small"), 0)
            .Take(count)
            .Select(item => new CatalogItem { Id = item.Id, Title = item.Title, Categories = [.. item.Categories] }),
    ];

    public async Task UpsertAsync(IReadOnlyList<CatalogItem> items)
    {
        foreach (var chunk in items.Chunk(500))
        {
            await SiloGrains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(chunk);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        await _silo.StopAsync();
        _silo.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
