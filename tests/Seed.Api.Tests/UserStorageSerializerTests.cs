using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Seed.Persistence.Postgres;

namespace Seed.Api.Tests;

/// <summary>The embedded silo's Memory "users" storage writes snapshots with the one keyed binary serializer.</summary>
[Collection(ApiCollection.Name)]
public sealed class UserStorageSerializerTests(SeedApiFactory factory)
{
    [Fact]
    public void Memory_user_storage_uses_the_keyed_binary_serializer()
    {
        var keyed = factory.Services.GetRequiredKeyedService<IGrainStorageSerializer>(SeedPostgresServiceCollectionExtensions.BinarySerializerKey);

        var users = factory.Services.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get("users");

        Assert.IsType<ExactSizeGrainStorageSerializer>(keyed);
        Assert.Same(keyed, users.GrainStorageSerializer);
    }
}
