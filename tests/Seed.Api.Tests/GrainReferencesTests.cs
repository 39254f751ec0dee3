using Microsoft.Extensions.DependencyInjection;
using Seed.Abstractions.Grains;
using Seed.Api.Endpoints;

namespace Seed.Api.Tests;

/// <summary><see cref="GrainReferences"/>: the references it builds from the first one are the ones Orleans makes.</summary>
[Collection(ApiCollection.Name)]
public sealed class GrainReferencesTests(SeedApiFactory factory)
{
    [Fact]
    public async Task References_built_from_the_first_equal_orleans_own_and_reach_the_same_grain()
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var prefix = ApiTests.NewPrefix();

        var first = GrainReferences.Get<IUserGrain>(grains, prefix + "-a");
        var built = GrainReferences.Get<IUserGrain>(grains, prefix + "-b");

        Assert.Equal(grains.GetGrain<IUserGrain>(prefix + "-a"), first);
        Assert.Equal(grains.GetGrain<IUserGrain>(prefix + "-b"), built);
        Assert.Equal(prefix + "-b", (await built.GetSummaryAsync()).UserId);
        Assert.Throws<ArgumentException>(() => GrainReferences.Get<IUserGrain>(grains, " "));
    }
}
