using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Seed.Silo.Hosting;
using Seed.Web.Hosting;

namespace Seed.AppHost.Tests;

/// <summary>
/// The app host's application model as its Program declares it, never built or started: no orchestrator, no Docker, no
/// database. The environment each host would get is laid over that host's own settings files and put through the host's
/// own provider check, so a key that Aspire stops writing, or that the hosts stop reading, fails here rather than at a
/// developer's first run.
/// </summary>
public sealed class AppHostModelTests
{
    [Fact]
    public async Task By_default_the_migration_runs_first_then_two_silos_and_the_web_front_that_waits_for_them()
    {
        using var app = await AppHostAsync();
        var resources = app.Resources;
        var projects = resources.OfType<ProjectResource>().ToDictionary(project => project.Name);

        Assert.Equal(["migrate", "silo1", "silo2", "web"], projects.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(resources, resource => resource is IResourceWithConnectionString { Name: "seed" });
        Assert.Contains("--migrate", (await ExecutionConfigurationAsync(projects["migrate"])).Arguments.Select(argument => argument.Value));
        foreach (var silo in new[] { projects["silo1"], projects["silo2"] })
        {
            Assert.Contains(WaitsOf(silo), wait => wait.Resource == projects["migrate"] && wait.WaitType == WaitType.WaitForCompletion);
            // Aspire picks every port: HTTP (API and Orleans dashboard), silo-to-silo and gateway.
            Assert.Equal(["http", "orleans-gateway", "orleans-silo"], Endpoints(silo));
            Assert.Contains(WaitsOf(projects["web"]), wait => wait.Resource == silo && wait.WaitType == WaitType.WaitUntilHealthy);
        }
    }

    [Fact]
    public async Task The_number_of_silos_is_a_setting()
    {
        using var app = await AppHostAsync("--Seed:AppHost:Silos=3");

        Assert.Equal(["silo1", "silo2", "silo3"], app.Resources.OfType<ProjectResource>().Select(project => project.Name)
            .Where(name => name.StartsWith("silo", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Silos_get_PostgreSQL_clustering_and_storage_that_the_silo_accepts_with_authentication_off()
    {
        using var app = await AppHostAsync();
        var silos = app.Resources.OfType<ProjectResource>().Where(project => project.Name.StartsWith("silo", StringComparison.Ordinal));

        foreach (var silo in silos)
        {
            var settings = await HostSettingsAsync(silo);
            Assert.Empty(SiloHostingExtensions.InvalidProviderSettings(settings));
            Assert.Equal("AdoNet", settings["Orleans:Clustering:ProviderType"]);
            Assert.Equal("seed", settings["Orleans:Clustering:ConnectionName"]);
            Assert.Equal("AdoNet", settings["Orleans:GrainStorage:users:ProviderType"]);
            Assert.Equal("AdoNet", settings["Orleans:GrainStorage:catalog:ProviderType"]);
            Assert.Equal("PostgreSQL", settings["Seed:Storage:Provider"]);
            Assert.Equal("seed-dev", settings["Orleans:ClusterId"]);
            Assert.Equal("seed", settings["Orleans:ServiceId"]);
            Assert.Equal("false", settings["Seed:Auth:Enabled"]);
            Assert.Equal(silo.Name == "silo1" ? "true" : "false", settings["Seed:DemoCatalog:Enabled"]);
        }
    }

    [Fact]
    public async Task The_web_front_finds_the_silos_in_PostgreSQL_with_settings_it_accepts()
    {
        using var app = await AppHostAsync();
        var web = app.Resources.OfType<ProjectResource>().Single(project => project.Name == "web");

        var settings = await HostSettingsAsync(web);

        Assert.Empty(ClientHostingExtensions.InvalidProviderSettings(settings));
        Assert.Equal("AdoNet", settings["Orleans:Clustering:ProviderType"]);
        Assert.Equal("seed-dev", settings["Orleans:ClusterId"]);
        Assert.Equal("false", settings["Seed:Auth:Enabled"]);
    }

    /// <summary>
    /// Runs the app host's Program up to its Build() call and keeps the builder there: the resources are complete, and
    /// nothing is started (building the application and then disposing it unstarted would start it, and wait for the
    /// orchestrator).
    /// </summary>
    private static Task<IDistributedApplicationTestingBuilder> AppHostAsync(params string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.Seed_AppHost>(args);

    /// <summary>
    /// What the host would read: its appsettings.json and appsettings.{environment}.json from its project folder, then the
    /// environment the app host sets (publish-mode values: ports and the connection string stay placeholders).
    /// </summary>
    private static async Task<IConfiguration> HostSettingsAsync(ProjectResource host)
    {
        var environment = (await ExecutionConfigurationAsync(host)).EnvironmentVariables.ToDictionary(StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(host.GetProjectMetadata().ProjectPath)!;
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(folder, "appsettings.json"))
            .AddJsonFile(Path.Combine(folder, $"appsettings.{environment["ASPNETCORE_ENVIRONMENT"]}.json"))
            .AddInMemoryCollection(environment.Select(variable => KeyValuePair.Create(variable.Key.Replace("__", ":", StringComparison.Ordinal), (string?)variable.Value)))
            .Build();
    }

    /// <summary>
    /// The arguments and environment the host would start with. Publish mode: no port needs allocating, and nothing
    /// needs the application's services, so an empty provider stands in for them.
    /// </summary>
    private static async Task<IExecutionConfigurationResult> ExecutionConfigurationAsync(ProjectResource host)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var context = new DistributedApplicationExecutionContext(new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Publish) { Services = services });
        return await ExecutionConfigurationBuilder.Create(host).WithArgumentsConfig().WithEnvironmentVariablesConfig().BuildAsync(context, NullLogger.Instance);
    }

    private static IEnumerable<WaitAnnotation> WaitsOf(ProjectResource resource) => resource.Annotations.OfType<WaitAnnotation>();

    private static string[] Endpoints(ProjectResource resource) =>
        [.. resource.Annotations.OfType<EndpointAnnotation>().Select(endpoint => endpoint.Name).Order(StringComparer.Ordinal)];
}
