using Orleans.Dashboard;
using Seed.Api.Hosting;
using Seed.Api.Security;
using Seed.Grains.Hosting;
using Seed.Persistence.Postgres;
using Seed.Silo.DemoCatalog;

namespace Seed.Silo.Hosting;

/// <summary>Wires the Orleans silo into the web host. Providers come from the <c>Orleans</c> configuration section.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The clustering providers a silo supports.</summary>
    public static readonly IReadOnlyList<string> ClusteringProviders = ["Development", "AdoNet"];

    /// <summary>The grain storage providers the silo's grains use.</summary>
    public static readonly IReadOnlyList<string> GrainStorageNames = ["users", "catalog"];

    /// <summary>Where the silo reads Orleans' <see cref="Orleans.Configuration.GrainCollectionOptions"/>: when idle activations go.</summary>
    public const string GrainCollectionSection = "Orleans:GrainCollection";

    public static WebApplicationBuilder AddSeedSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The Npgsql ADO.NET provider must be registered under its invariant name before the Orleans AdoNet
        // providers look it up; with in-memory defaults this is harmless.
        System.Data.Common.DbProviderFactories.RegisterFactory("Npgsql", Npgsql.NpgsqlFactory.Instance);

        builder.UseOrleans(silo =>
        {
            if (DashboardEnabled(builder.Configuration))
            {
                silo.AddDashboard();
            }

            // Durable implementations first (Seed:Storage), then the embedded defaults fill whatever is left.
            silo.Services.AddSeedStorage(builder.Configuration);
            silo.Services.AddSeedGrainServices(builder.Configuration);
        });
        // Failure detection and call timeouts decide how long requests fail after a silo dies; the defaults suit
        // clouds with slow networks, loopback/LAN deployments set them here (appsettings.Production.json).
        builder.Services.Configure<Orleans.Configuration.ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
        builder.Services.Configure<Orleans.Configuration.SiloMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
        AddGrainCollection(builder);
        // With the embedded Memory provider for "users", idle users' snapshots stay in this process after their
        // activations are collected: Orleans' binary format keeps the four float vectors at 4 bytes a value, where the
        // provider's default JSON spells each out in decimal (about three times the size). Unused with AdoNet storage.
        // The same keyed serializer the ADO.NET stores name with SerializerKey "binary" (AddSeedStorage registers it).
        builder.Services.AddOptions<Orleans.Configuration.MemoryGrainStorageOptions>("users")
            .Configure<IServiceProvider>((storage, services) => storage.GrainStorageSerializer =
                services.GetRequiredKeyedService<Orleans.Storage.IGrainStorageSerializer>(SeedPostgresServiceCollectionExtensions.BinarySerializerKey));
        // Erasing a user must leave no row that names them: an ADO.NET "users" store deletes the grain's row on clear
        // (deploy/postgres has the query) instead of keeping it with an empty payload. Unused with in-memory storage,
        // and in code because the configuration-based provider does not read this option.
        builder.Services.Configure<Orleans.Configuration.AdoNetGrainStorageOptions>("users", storage => storage.DeleteStateOnClear = true);
        builder.Services.AddOptionsWithValidateOnStart<DemoCatalogOptions, DemoCatalogOptionsValidator>()
            .Bind(builder.Configuration.GetSection(DemoCatalogOptions.SectionName));
        builder.Services.AddHostedService<DemoCatalogLoader>();
        return builder;
    }

    /// <summary>
    /// Idle activations (users above all: a million users who each sent one event) are deactivated, writing their
    /// pending snapshot, after <c>Orleans:GrainCollection:CollectionAge</c> (Orleans' default, 15 minutes, unless set).
    /// Memory-pressure shedding is on by default: when the process uses more than MemoryUsageLimitPercentage (80) of the
    /// memory available to it (the container's limit where there is one), Orleans deactivates the least recently used
    /// activations until it is under MemoryUsageTargetPercentage (75), so memory stays bounded before the idle age too.
    /// </summary>
    private static void AddGrainCollection(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<Orleans.Configuration.GrainCollectionOptions>()
            .Configure(options => options.EnableActivationSheddingOnMemoryPressure = true)
            .Bind(builder.Configuration.GetSection(GrainCollectionSection))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Orleans.Configuration.GrainCollectionOptions>, GrainCollectionSettingsValidator>();
    }

    /// <summary>
    /// The Orleans dashboard at <c>/dashboard</c> when <see cref="DashboardEnabled"/>: it shows every grain and streams
    /// the silo's log, so it needs the <c>admin</c> scope (a browser presents the key through its Basic login prompt),
    /// and its live updates are exempt from the request time limit.
    /// </summary>
    public static WebApplication MapSeedDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (DashboardEnabled(app.Configuration))
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(Scopes.Admin).DisableRequestTimeout();
        }

        return app;
    }

    /// <summary>
    /// <c>Seed:Dashboard:Enabled</c> (default true). The dashboard profiles every grain call through an incoming call
    /// filter; measured on the 100k-item recommendation path that is about 11% of the maximum request rate
    /// (docs/PERFORMANCE.md), so a deployment that watches the cluster otherwise can turn it off.
    /// </summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue("Seed:Dashboard:Enabled", true);

    /// <summary>
    /// <c>--migrate</c>: applies deploy/postgres (shipped as postgres/*.sql) to the database named by
    /// <c>Seed:Storage:ConnectionName</c> and exits; a deployment runs it as a job or init container before silos start.
    /// </summary>
    /// <summary>One line per clustering or grain-storage setting the silo cannot start with; empty when all are usable.</summary>
    public static IReadOnlyList<string> InvalidProviderSettings(IConfiguration configuration) =>
        configuration.InvalidOrleansProviders(ClusteringProviders, GrainStorageNames);

    public static async Task<int> MigrateAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args).UseSettingsBesideBinaries();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddConsole());
        var logger = loggerFactory.CreateLogger("Seed.Migrate");
        var connectionString = SeedPostgresServiceCollectionExtensions.StorageConnectionString(builder.Configuration);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            logger.LogError("--migrate needs a PostgreSQL connection string (ConnectionStrings:seed or Seed:Storage:ConnectionName)");
            return 2;
        }

        var applied = await PostgresSchema.ApplyAsync(connectionString, logger: logger);
        logger.LogInformation("Schema up to date: {Count} scripts applied", applied.Count);
        return 0;
    }
}
