using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Seed.Api.Hosting;

namespace Seed.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ApiTests(SeedApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Events_change_recommendations_through_the_rest_api()
    {
        var prefix = NewPrefix();
        await UpsertThemedCatalogAsync(prefix);
        var user = prefix + "-alice";

        var cold = await (await _client.GetAsync($"/v1/users/{user}/recommendations?k=3&category={prefix}")).JsonAsync();
        Assert.Equal("popularity", cold.GetProperty("strategy").GetString());

        var posted = await _client.PostJsonAsync("/v1/events", new
        {
            events = new object[]
            {
                new { eventId = prefix + "-e1", userId = user, type = "purchase", itemId = $"{prefix}-guitar-0", timestamp = "2024-01-01T10:00:00Z" },
                new { eventId = prefix + "-e2", userId = user, type = "add_to_cart", itemId = $"{prefix}-guitar-1", timestamp = "2024-01-01T10:05:00Z" },
                new { eventId = prefix + "-e3", userId = user, type = "search", text = "guitar amplifier and effects pedal", timestamp = "2024-01-01T10:06:00Z" },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var ack = await posted.JsonAsync();
        Assert.Equal(3, ack.GetProperty("applied").GetInt32());
        Assert.Equal(3, ack.GetProperty("eventIds").GetArrayLength());

        var warm = await (await _client.GetAsync($"/v1/users/{user}/recommendations?k=3&category={prefix}")).JsonAsync();
        Assert.Equal("personalized", warm.GetProperty("strategy").GetString());
        Assert.All(warm.GetProperty("items").EnumerateArray(), item => Assert.Contains("-guitar-", item.GetProperty("itemId").GetString(), StringComparison.Ordinal));

        var summary = await (await _client.GetAsync($"/v1/users/{user}")).JsonAsync();
        Assert.Equal(3, summary.GetProperty("eventCount").GetInt64());
        var interests = await (await _client.GetAsync($"/v1/users/{user}/interests?top=10")).JsonAsync();
        var topCategory = interests.GetProperty("longTermCategories").EnumerateArray()
            .Select(label => label.GetProperty("label").GetString())
            .First(label => label != prefix); // the prefix category marks this test's items and spans both themes
        Assert.Equal("music", topCategory);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/v1/users/{user}")).StatusCode);
        var erased = await (await _client.GetAsync($"/v1/users/{user}")).JsonAsync();
        Assert.Equal(0, erased.GetProperty("eventCount").GetInt64());
    }

    [Fact]
    public async Task Health_reports_the_models_in_use()
    {
        var response = await _client.GetAsync("/healthz");
        var health = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(128, health.GetProperty("models").GetProperty("dimension").GetInt32());
        Assert.Equal("Cpu", health.GetProperty("models").GetProperty("executionProvider").GetString());
        Assert.EndsWith(Path.Combine("models", "potion-base-4M-int8"), health.GetProperty("models").GetProperty("encoderModel").GetString(), StringComparison.Ordinal);
        // The silo's default configuration names the committed learned model: running the fallback here is a fault.
        Assert.Equal("learned", health.GetProperty("models").GetProperty("interestModelMode").GetString());
        Assert.Contains(Path.Combine("models", "interest-lstm"), health.GetProperty("models").GetProperty("interestModelDetail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_waits_for_unfinished_start_up_work_and_says_what_it_is()
    {
        var readiness = factory.Services.GetRequiredService<StartupReadiness>();
        var work = "test work " + NewPrefix();
        readiness.Expect(work);
        try
        {
            var waiting = await _client.GetAsync("/readyz");
            var body = await waiting.JsonAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
            Assert.Equal("not_ready", body.GetProperty("status").GetString());
            Assert.Contains($"{work}: in progress", body.GetProperty("waitingFor").EnumerateArray().Select(line => line.GetString()));
            // Liveness does not wait for start-up work.
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);

            readiness.Fail(work, "disk on fire");
            body = await (await _client.GetAsync("/readyz")).JsonAsync();
            Assert.Contains($"{work}: failed (disk on fire)", body.GetProperty("waitingFor").EnumerateArray().Select(line => line.GetString()));
        }
        finally
        {
            readiness.Complete(work);
        }

        var ready = await _client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("learned", (await ready.JsonAsync()).GetProperty("models").GetProperty("interestModelMode").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/v1/events", out _));
        Assert.True(paths.TryGetProperty("/v1/users/{id}/recommendations", out _));

        // Enums are named as the JSON carries them: event types (read as text) and the response's strategy.
        var eventBody = paths.GetProperty("/v1/events").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var eventTypes = eventBody.GetProperty("schema").GetProperty("properties").GetProperty("events").GetProperty("items")
            .GetProperty("properties").GetProperty("type").GetProperty("enum");
        Assert.Equal(["view", "click", "add_to_cart", "purchase", "rating", "search", "review", "dislike", "tag"], eventTypes.EnumerateArray().Select(value => value.GetString()));
        var strategies = document.GetProperty("components").GetProperty("schemas").GetProperty("RecommendationStrategy").GetProperty("enum");
        Assert.Equal(["personalized", "popularity"], strategies.EnumerateArray().Select(value => value.GetString()));
    }

    [Fact]
    public async Task Dashboard_is_served()
    {
        var response = await _client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_web_page_is_served_at_the_root()
    {
        var response = await _client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var script = await _client.GetAsync("/app.js");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"/app.js\">", html, StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/v1/events", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_items_rank_is_its_position_in_the_recommendation_list()
    {
        var prefix = NewPrefix();
        await UpsertThemedCatalogAsync(prefix);
        var cold = prefix + "-cold";
        var warm = prefix + "-warm";
        var posted = await _client.PostJsonAsync("/v1/events", new
        {
            events = new object[] { new { eventId = prefix + "-e1", userId = warm, type = "purchase", itemId = $"{prefix}-guitar-0", timestamp = "2024-01-01T10:00:00Z" } },
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        foreach (var (user, strategy) in new[] { (cold, "popularity"), (warm, "personalized") })
        {
            var list = await (await _client.GetAsync($"/v1/users/{user}/recommendations?k=11&category={prefix}")).JsonAsync();
            Assert.Equal(strategy, list.GetProperty("strategy").GetString());
            var items = list.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(11, items.Count);
            for (var position = 0; position < items.Count; position++)
            {
                var itemId = items[position].GetProperty("itemId").GetString();
                var rank = await (await _client.GetAsync($"/v1/users/{user}/recommendations/{itemId}?category={prefix}")).JsonAsync();
                Assert.Equal(strategy, rank.GetProperty("strategy").GetString());
                Assert.True(rank.GetProperty("item").GetProperty("eligible").GetBoolean());
                Assert.Equal(position + 1, rank.GetProperty("item").GetProperty("rank").GetInt32());
                Assert.Equal(items[position].GetProperty("score").GetSingle(), rank.GetProperty("item").GetProperty("score").GetSingle());
                Assert.Equal(user == cold ? 12 : 11, rank.GetProperty("item").GetProperty("eligibleCount").GetInt32());
            }
        }

        // The purchased item is excluded as seen: found, not eligible, no rank; with excludeSeen=false it ranks again.
        var seen = await (await _client.GetAsync($"/v1/users/{warm}/recommendations/{prefix}-guitar-0?category={prefix}")).JsonAsync();
        Assert.False(seen.GetProperty("item").GetProperty("eligible").GetBoolean());
        Assert.Equal(0, seen.GetProperty("item").GetProperty("rank").GetInt32());
        var unfiltered = await (await _client.GetAsync($"/v1/users/{warm}/recommendations/{prefix}-guitar-0?category={prefix}&excludeSeen=false")).JsonAsync();
        Assert.InRange(unfiltered.GetProperty("item").GetProperty("rank").GetInt32(), 1, 12);

        var unknown = await _client.GetAsync($"/v1/users/{warm}/recommendations/{prefix}-no-such-item");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var badFilter = await _client.GetAsync($"/v1/users/{warm}/recommendations/{prefix}-guitar-1?excludeSeen=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.True((await badFilter.JsonAsync()).GetProperty("errors").TryGetProperty("excludeSeen", out _));
    }

    [Fact]
    public async Task Cold_start_lists_order_equal_popularity_by_item_id()
    {
        var prefix = NewPrefix();
        var items = new[] { "d", "b", "c", "a", "e" }.Select(suffix => new { id = $"{prefix}-{suffix}", title = "Tie " + suffix, categories = new[] { prefix }, popularity = suffix == "e" ? 5 : 2 });
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/v1/items", new { items })).StatusCode);

        var list = await (await _client.GetAsync($"/v1/users/{prefix}-new/recommendations?k=5&category={prefix}")).JsonAsync();

        // Spread over shards, the tied items must still come back in one total order: most popular, then by id.
        Assert.Equal(["e", "a", "b", "c", "d"], list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("itemId").GetString()![(prefix.Length + 1)..]));
    }

    private async Task UpsertThemedCatalogAsync(string prefix)
    {
        var items = new List<object>();
        string[] guitars = ["Electric guitar with humbucker pickups", "Acoustic guitar strings bronze", "Guitar amplifier with reverb", "Guitar effects pedal overdrive", "Bass guitar four strings", "Guitar tuner chromatic"];
        string[] kitchen = ["Chef knife stainless steel", "Non-stick frying pan", "Cast iron skillet for steak", "Wooden cutting board", "Saucepan with lid for soups", "Baking tray and oven mitts"];
        for (var i = 0; i < guitars.Length; i++)
        {
            items.Add(new { id = $"{prefix}-guitar-{i}", title = guitars[i], categories = new[] { "Music", prefix }, popularity = 1 + i });
            // Kitchen items are the popular ones (what a cold user gets); guitars must win once the user shows intent.
            // The learned model ranks by cosine + 0.067·ln(1 + count), so a 10x popularity gap is a fair hurdle
            // (a 100x gap plus three events on a six-item theme is a call the model may legitimately make for popularity).
            items.Add(new { id = $"{prefix}-kitchen-{i}", title = kitchen[i], categories = new[] { "Kitchen", prefix }, popularity = 10 + i });
        }

        var response = await _client.PostJsonAsync("/v1/items", new { items });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, (await response.JsonAsync()).GetProperty("upserted").GetInt32());
    }

    internal static string NewPrefix() => "a" + Guid.NewGuid().ToString("N")[..10];
}
