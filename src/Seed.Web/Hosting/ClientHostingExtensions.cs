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
        return builder;
    }
}
