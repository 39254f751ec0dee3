using Microsoft.Extensions.Configuration;
using Seed.AppHost;

// Development orchestration: N silos, the web front, the Orleans dashboard (inside each silo) and Aspire's dashboard,
// all on the PostgreSQL database named by ConnectionStrings:seed. A configured connection string rather than a
// container, so nothing here needs Docker.
var builder = DistributedApplication.CreateBuilder(args);
var siloCount = builder.Configuration.GetValue("Seed:AppHost:Silos", 2);
ArgumentOutOfRangeException.ThrowIfLessThan(siloCount, 1, "Seed:AppHost:Silos");

// Aspire writes Orleans:Clustering and Orleans:GrainStorage:{users,catalog} ProviderType=AdoNet; the Npgsql invariant
// and the connection name come from the hosts' appsettings.Production.json (see WithSeedSettings).
var database = builder.AddConnectionString("seed").WithOrleansProviderType("AdoNet");
var orleans = builder.AddOrleans("seed-cluster")
    .WithClusterId("seed-dev")
    .WithServiceId("seed") // grain state is keyed by it: a fixed value keeps it across runs (Aspire's default is random)
    .WithClustering(database)
    .WithGrainStorage("users", database)
    .WithGrainStorage("catalog", database);

// The schema first (idempotent), like compose's migrate job; silos start once it has exited successfully.
var migrate = builder.AddProject<Projects.Seed_Silo>("migrate").WithArgs("--migrate").WithReference(database).WithSeedSettings();

var web = builder.AddProject<Projects.Seed_Web>("web").WithReference(orleans.AsClient()).WithSeedSettings()
    .WithHttpEndpoint().WithHttpHealthCheck("/healthz");
for (var index = 1; index <= siloCount; index++)
{
    var silo = builder.AddProject<Projects.Seed_Silo>($"silo{index}").WithReference(orleans).WithSeedSettings()
        .WithHttpEndpoint().WithHttpHealthCheck("/healthz").WaitForCompletion(migrate)
        .WithUrlForEndpoint("http", endpoint => new ResourceUrlAnnotation { Url = endpoint.Url + "/dashboard/", DisplayText = "Orleans dashboard" })
        // One silo fills an empty catalog with the demo data, as in deploy/docker-compose.yml.
        .WithEnvironment("Seed__DemoCatalog__Enabled", index == 1 ? "true" : "false");
    web.WaitFor(silo); // the client needs a gateway in the membership table to start
}

builder.Build().Run();
