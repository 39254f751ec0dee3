using System.Net;

namespace Seed.Api.Tests;

/// <summary>The embedded default: an empty cluster fills itself with the MovieLens movies the repository ships.</summary>
public sealed class DemoCatalogTests : IClassFixture<DemoCatalogTests.DemoFactory>
{
    private readonly HttpClient _client;

    public DemoCatalogTests(DemoFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task The_movielens_catalog_is_loaded_and_ranked_by_taste()
    {
        // Readiness is what a load balancer waits for: once it says ready, the whole catalog must be there.
        HttpResponseMessage readiness = await _client.GetAsync("/readyz");
        for (var attempt = 0; attempt < 240 && readiness.StatusCode != HttpStatusCode.OK; attempt++)
        {
            var waiting = await readiness.JsonAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
            Assert.Equal("not_ready", waiting.GetProperty("status").GetString());
            Assert.NotEqual(0, waiting.GetProperty("waitingFor").GetArrayLength());
            await Task.Delay(500);
            readiness = await _client.GetAsync("/readyz");
        }

        var ready = await readiness.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(9742, ready.GetProperty("catalogItems").GetInt32());
        var health = await (await _client.GetAsync("/healthz")).JsonAsync();
        Assert.Equal(9742, health.GetProperty("catalogItems").GetInt32());
        // Each item holds at least its float ranking row and its text embedding (128 floats each with potion-base-4M).
        var memory = health.GetProperty("catalogMemory");
        Assert.Equal(9742, memory.GetProperty("itemCount").GetInt32());
        Assert.True(memory.GetProperty("bytesPerItem").GetDouble() > 2 * 128 * sizeof(float), memory.ToString());
        Assert.Equal(
            memory.GetProperty("totalBytes").GetInt64(),
            new[] { "rankingVectorBytes", "compactVectorBytes", "embeddingBytes", "textBytes", "indexBytes" }.Sum(name => memory.GetProperty(name).GetInt64()));

        // Toy Story (1) and Toy Story 2 (3114): an animation fan should be offered more animation.
        var posted = await _client.PostJsonAsync("/v1/events", new
        {
            events = new object[]
            {
                new { eventId = "demo-1", userId = "demo-user", type = "rating", rating = 5, itemId = "1", timestamp = "2018-01-01T10:00:00Z" },
                new { eventId = "demo-2", userId = "demo-user", type = "rating", rating = 5, itemId = "3114", timestamp = "2018-01-01T12:00:00Z" },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var recommendations = await (await _client.GetAsync("/v1/users/demo-user/recommendations?k=10")).JsonAsync();
        var animated = recommendations.GetProperty("items").EnumerateArray()
            .Count(item => item.GetProperty("categories").EnumerateArray().Any(c => c.GetString() == "Animation"));
        Assert.True(animated >= 5, recommendations.ToString());
    }

    public sealed class DemoFactory : SeedApiFactory
    {
        protected override bool LoadDemoCatalog => true;
    }
}
