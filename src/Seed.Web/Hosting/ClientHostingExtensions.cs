namespace Seed.Web.Hosting;

/// <summary>Wires the Orleans cluster client into the web host.</summary>
public static class ClientHostingExtensions
{
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
}
