using Seed.Api.Hosting;

namespace Seed.Web.Hosting;

/// <summary>Wires the Orleans cluster client into the web host.</summary>
public static class ClientHostingExtensions
{
    /// <summary>The clustering providers the web client supports: a static gateway list, or the PostgreSQL membership table.</summary>
    public static readonly IReadOnlyList<string> ClusteringProviders = ["Static", "AdoNet"];

    public static WebApplicationBuilder AddSeedClusterClient(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Registered under its invariant name for the ADO.NET clustering provider (production configuration).
        System.Data.Common.DbProviderFactories.RegisterFactory("Npgsql", Npgsql.NpgsqlFactory.Instance);
        builder.UseOrleansClient();

        // A call to a grain on a crashed silo waits for this long at most (see the silo's Orleans:Messaging).
        builder.Services.Configure<Orleans.Configuration.ClientMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
        return builder;
    }

    /// <summary>One line per clustering setting the client cannot start with; empty when all are usable.</summary>
    public static IReadOnlyList<string> InvalidProviderSettings(IConfiguration configuration) =>
        configuration.InvalidOrleansProviders(ClusteringProviders, requiredGrainStorage: []);
}
