using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Seed.Grains.Hosting;

namespace Seed.Grains.Tests;

/// <summary>Real in-process clusters on loopback as the grain tests run them: in-memory storage and Seed's grain services.</summary>
public static class TestClusters
{
    /// <summary>
    /// A cluster of <paramref name="silos"/> silos configured by <paramref name="configuration"/> (and
    /// <paramref name="configureSilo"/>, e.g. a call filter a test observes through), built but not deployed.
    /// </summary>
    public static InProcessTestCluster Build(short silos, IConfiguration configuration, Action<ISiloBuilder>? configureSilo = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("users");
            silo.AddMemoryGrainStorage("catalog");
            silo.Services.AddSeedGrainServices(configuration);
            configureSilo?.Invoke(silo);
        });
        return builder.Build();
    }
}
