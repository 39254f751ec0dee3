using System.Net;

namespace Seed.Api.Tests;

/// <summary><c>GET /v1/users/{id}/export</c>: everything stored about a user, and nothing once they are erased.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExportTests(SeedApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task An_export_holds_the_users_events_and_state_and_says_when_nothing_is_left_after_erase()
    {
        var user = "export-" + Guid.NewGuid().ToString("N")[..8];
        var posted = await _client.PostRawAsync("/v1/events", $$$"""
            {"events":[
              {"eventId":"x1","userId":"{{{user}}}","type":"search","text":"space opera","context":{"page":"home"}},
              {"eventId":"x2","userId":"{{{user}}}","type":"tag","text":"time travel"}]}
            """);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var export = await (await _client.GetAsync($"/v1/users/{user}/export")).JsonAsync();

        Assert.True(export.GetProperty("hasData").GetBoolean());
        Assert.Equal(2, export.GetProperty("summary").GetProperty("eventCount").GetInt64());
        Assert.Equal(["x1", "x2"], export.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()));
        Assert.Equal("home", export.GetProperty("events")[0].GetProperty("context").GetProperty("page").GetString());
        Assert.Equal(user, export.GetProperty("interests").GetProperty("userId").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/v1/users/{user}")).StatusCode);
        var erased = await (await _client.GetAsync($"/v1/users/{user}/export")).JsonAsync();

        Assert.False(erased.GetProperty("hasData").GetBoolean());
        Assert.Equal(0, erased.GetProperty("events").GetArrayLength());
        Assert.Equal(0, erased.GetProperty("summary").GetProperty("eventCount").GetInt64());
        Assert.Empty(erased.GetProperty("summary").GetProperty("recentItemIds").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_user_id_is_a_400_naming_it()
    {
        var response = await _client.GetAsync($"/v1/users/{new string('x', 129)}/export");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("id", out _));
    }
}
