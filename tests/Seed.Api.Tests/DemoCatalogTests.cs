using System.Net;

namespace Seed.Api.Tests;

/// <summary>The embedded default: an empty cluster fills itself with the MovieLens movies from shared/.</summary>
public sealed class DemoCatalogTests : IClassFixture<DemoCatalogTests.DemoFactory>
{
    private readonly HttpClient _client;

    public DemoCatalogTests(DemoFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task The_movielens_catalog_is_loaded_and_ranked_by_taste()
    {
        var items = 0;
        for (var attempt = 0; attempt < 120 && items < 9742; attempt++)
        {
            items = (await (await _client.GetAsync("/healthz")).JsonAsync()).GetProperty("catalogItems").GetInt32();
            if (items < 9742)
            {
                await Task.Delay(500);
            }
        }

        Assert.Equal(9742, items);

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
