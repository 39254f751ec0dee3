using Orleans.Dashboard;
using Seed.Grains.Hosting;
using Seed.Silo.DemoCatalog;

namespace Seed.Silo.Hosting;

/// <summary>Wires the Orleans silo into the web host. Providers come from the <c>Orleans</c> configuration section.</summary>
public static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddSeedSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The Npgsql ADO.NET provider must be registered under its invariant name before the Orleans AdoNet
        // providers look it up; with in-memory defaults this is harmless.
        System.Data.Common.DbProviderFactories.RegisterFactory("Npgsql", Npgsql.NpgsqlFactory.Instance);

        builder.UseOrleans(silo =>
        {
            silo.AddDashboard();
            silo.Services.AddSeedGrainServices(builder.Configuration);
        });
        builder.Services.AddOptions<DemoCatalogOptions>().Bind(builder.Configuration.GetSection(DemoCatalogOptions.SectionName));
        builder.Services.AddHostedService<DemoCatalogLoader>();
        return builder;
    }
}
