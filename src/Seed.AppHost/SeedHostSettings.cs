namespace Seed.AppHost;

/// <summary>The settings every Seed host gets from the app host.</summary>
public static class SeedHostSettings
{
    /// <summary>
    /// Production settings (appsettings.Production.json: ADO.NET clustering and grain storage, the durable event log,
    /// the failure-detection timings; what deploy/docker-compose.yml runs) with authentication off, as the embedded
    /// development silo has it, so a developer calls the API and opens the dashboards without a key. Keep it on loopback
    /// (docs/SECURITY.md). Set here rather than by the hosts' launch profile, which says Development.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSeedSettings(this IResourceBuilder<ProjectResource> host) => host
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production")
        .WithEnvironment("Seed__Auth__Enabled", "false");
}
