using System.Net;

namespace Seed.Api.Tests;

/// <summary>The Prometheus scrape endpoint carries every Seed instrument once traffic has touched it.</summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(SeedApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task After_items_events_and_recommendations_the_scrape_holds_each_seed_instrument()
    {
        var prefix = ApiTests.NewPrefix();
        var items = await _client.PostJsonAsync("/v1/items", new
        {
            items = new object[] { new { id = prefix + "-guitar", title = "Electric guitar", text = "Solid-body electric guitar", categories = new[] { "Music" } } },
        });
        Assert.Equal(HttpStatusCode.OK, items.StatusCode);
        var user = prefix + "-user";
        object[] events =
        [
            new { eventId = prefix + "-e1", userId = user, type = "purchase", itemId = prefix + "-guitar", timestamp = "2024-01-01T10:00:00Z" },
            new { eventId = prefix + "-e2", userId = user, type = "search", text = "guitar strings " + prefix, timestamp = "2024-01-01T09:00:00Z" },
        ];
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/v1/events", new { events })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/v1/events", new { events })).StatusCode); // duplicates
        // Older than the user's clock (late), and the same search text for another user (an encoder cache hit).
        object[] late =
        [
            new { eventId = prefix + "-e3", userId = user, type = "view", itemId = prefix + "-guitar", timestamp = "2023-12-31T10:00:00Z" },
            new { eventId = prefix + "-e4", userId = user + "-2", type = "search", text = "guitar strings " + prefix, timestamp = "2024-01-01T09:00:00Z" },
        ];
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/v1/events", new { events = late })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/v1/users/{user}/recommendations?k=3")).StatusCode);

        var scrape = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        string[] instruments =
        [
            "seed_events_applied", "seed_events_duplicate", "seed_events_late",
            "seed_encoder_batch_size", "seed_encoder_batch_latency", "seed_encoder_cache_lookups", "seed_encoder_cache_hits",
            "seed_encoder_store_lookups", "seed_encoder_store_hits",
            "seed_recommendation_latency", "seed_catalog_items", "seed_catalog_bytes", "seed_model_info",
        ];
        Assert.All(instruments, name => Assert.Contains("\n" + name, scrape, StringComparison.Ordinal));
        Assert.Contains("http_server_request_duration", scrape, StringComparison.Ordinal);
    }
}
