using Orleans.TestingHost;

namespace Seed.Grains.Tests;

/// <summary>A real two-silo cluster on loopback with in-memory storage, shared by the tests in the collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = TestClusters.Build(2, TestSettings.Build());
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
