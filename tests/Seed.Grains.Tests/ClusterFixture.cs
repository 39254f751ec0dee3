using Orleans.TestingHost;
using Seed.Grains.Hosting;

namespace Seed.Grains.Tests;

/// <summary>A real two-silo cluster on loopback with in-memory storage, shared by the tests in the collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var configuration = TestSettings.Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("users");
            silo.AddMemoryGrainStorage("catalog");
            silo.Services.AddSeedGrainServices(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
