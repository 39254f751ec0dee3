using System.Net;
using System.Text.Json;

namespace Seed.Api.Tests;

/// <summary>Every kind of bad input gets HTTP 400 with a problem-details body naming the field, and changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(SeedApiFactory factory)
{
    private const string KnownItem = "bad-input-known-item";
    private const string User = "bad-input-user";
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, string> BadEventBatches()
    {
        var longId = new string('x', 129);
        var longText = new string('a', 4097);
        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        string Batch(string eventJson) => $"{{\"events\":[{eventJson}]}}";
        string Valid(string extra) => $"{{\"eventId\":\"e-{Guid.NewGuid():N}\",\"userId\":\"{User}\",\"itemId\":\"{KnownItem}\"{extra}}}";
        return new TheoryData<string, string, string>
        {
            { "missing events", "{}", "events" },
            { "empty batch", "{\"events\":[]}", "events" },
            { "batch over the limit", "{\"events\":[" + string.Join(",", Enumerable.Repeat(Valid(",\"type\":\"view\""), 1001)) + "]}", "events" },
            { "missing event id", Batch($"{{\"userId\":\"{User}\",\"type\":\"view\",\"itemId\":\"{KnownItem}\"}}"), "events[0].eventId" },
            { "missing user id", Batch($"{{\"eventId\":\"e1\",\"type\":\"view\",\"itemId\":\"{KnownItem}\"}}"), "events[0].userId" },
            { "oversized user id", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{longId}\",\"type\":\"view\",\"itemId\":\"{KnownItem}\"}}"), "events[0].userId" },
            { "oversized event id", Batch($"{{\"eventId\":\"{longId}\",\"userId\":\"{User}\",\"type\":\"view\",\"itemId\":\"{KnownItem}\"}}"), "events[0].eventId" },
            { "unknown event type", Batch(Valid(",\"type\":\"teleport\"")), "events[0].type" },
            { "missing event type", Batch(Valid("")), "events[0].type" },
            { "text over the limit", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"type\":\"search\",\"text\":\"{longText}\"}}"), "events[0].text" },
            { "search without text", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"type\":\"search\"}}"), "events[0].text" },
            { "search with whitespace-only text", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"type\":\"search\",\"text\":\" \\t \"}}"), "events[0].text" },
            { "search with empty text", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"type\":\"search\",\"text\":\"\"}}"), "events[0].text" },
            { "timestamp far in the future", Batch(Valid($",\"type\":\"view\",\"timestamp\":\"{future}\"")), "events[0].timestamp" },
            { "rating without a value", Batch(Valid(",\"type\":\"rating\"")), "events[0].rating" },
            { "rating out of range", Batch(Valid(",\"type\":\"rating\",\"rating\":7")), "events[0].rating" },
            { "unknown item id", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"type\":\"click\",\"itemId\":\"no-such-item\"}}"), "events[0].itemId" },
            { "click without item", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"type\":\"click\"}}"), "events[0].itemId" },
            { "malformed json", "{\"events\":[{\"eventId\":\"e1\",", "events[0]" },
            { "wrong json type", Batch($"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"type\":\"view\",\"itemId\":\"{KnownItem}\",\"rating\":\"high\"}}"), "events[0].rating" },
            { "one bad event spoils the batch", $"{{\"events\":[{Valid(",\"type\":\"view\"")},{Valid(",\"type\":\"nope\"")}]}}", "events[1].type" },
        };
    }

    [Theory]
    [MemberData(nameof(BadEventBatches))]
    public async Task Bad_event_batches_are_refused_and_change_nothing(string description, string body, string field)
    {
        await EnsureKnownItemAsync();
        var before = await UserVersionAsync();

        var response = await _client.PostRawAsync("/v1/events", body);

        await AssertProblemAsync(response, field, description);
        Assert.Equal(before, await UserVersionAsync());
    }

    public static TheoryData<string, string, string> BadItemBatches() => new()
    {
        { "missing items", "{}", "items" },
        { "missing title", "{\"items\":[{\"id\":\"bad-item-1\"}]}", "items[0].title" },
        { "oversized id", $"{{\"items\":[{{\"id\":\"{new string('y', 200)}\",\"title\":\"t\"}}]}}", "items[0].id" },
        { "negative popularity", "{\"items\":[{\"id\":\"bad-item-2\",\"title\":\"t\",\"popularity\":-1}]}", "items[0].popularity" },
        { "duplicate ids", "{\"items\":[{\"id\":\"bad-item-3\",\"title\":\"t\"},{\"id\":\"bad-item-3\",\"title\":\"u\"}]}", "items[1].id" },
        { "malformed json", "{\"items\":[{\"id\":", "items[0].id" },
    };

    [Theory]
    [MemberData(nameof(BadItemBatches))]
    public async Task Bad_item_batches_are_refused_and_change_nothing(string description, string body, string field)
    {
        var before = await CatalogCountAsync();

        var response = await _client.PostRawAsync("/v1/items", body);

        await AssertProblemAsync(response, field, description);
        Assert.Equal(before, await CatalogCountAsync());
    }

    [Theory]
    [InlineData("k=0", "k")]
    [InlineData("k=201", "k")]
    [InlineData("k=ten", "k")]
    [InlineData("excludeSeen=maybe", "excludeSeen")]
    [InlineData("diversity=1.5", "diversity")]
    public async Task Bad_recommendation_queries_are_refused(string query, string field)
    {
        var response = await _client.GetAsync($"/v1/users/{User}/recommendations?{query}");
        await AssertProblemAsync(response, field, query);
    }

    [Fact]
    public async Task An_oversized_user_id_in_the_path_is_refused()
    {
        var response = await _client.GetAsync($"/v1/users/{new string('z', 129)}");
        await AssertProblemAsync(response, "id", "long path id");
    }

    [Fact]
    public async Task A_non_json_body_is_refused()
    {
        var response = await _client.PostAsync("/v1/events", new StringContent("eventId=1", System.Text.Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(response, "body", "text/plain body");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field, string description)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{description}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{description}: expected an error for '{field}' in {errors}");
    }

    private async Task EnsureKnownItemAsync()
    {
        var response = await _client.PostJsonAsync("/v1/items", new { items = new[] { new { id = KnownItem, title = "A known item for validation tests" } } });
        response.EnsureSuccessStatusCode();
    }

    private async Task<long> UserVersionAsync() =>
        (await (await _client.GetAsync($"/v1/users/{User}")).JsonAsync()).GetProperty("version").GetInt64();

    private async Task<int> CatalogCountAsync() =>
        (await (await _client.GetAsync("/healthz")).JsonAsync()).GetProperty("catalogItems").GetInt32();
}
