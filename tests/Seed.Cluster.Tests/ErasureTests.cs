using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Seed.Cluster.Tests;

/// <summary>
/// A data-subject request on the durable deployment, with authentication on as in production: the export holds every
/// logged event; after erase no row in any table of the database holds the user's id, and an export says nothing is
/// stored. Another user's data stays.
/// </summary>
public sealed class ErasureTests(ITestOutputHelper output)
{
    private const string Key = "erasure-test-key-5b2e91";
    private const int EventsPerUser = 120; // past Seed:Users:SnapshotEveryEvents (100), so a grain-state row exists too

    [PostgresFact]
    public async Task After_erase_no_row_anywhere_holds_the_user_and_the_export_says_so()
    {
        await using var database = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        using var silo = SeedProcess.StartSilo("silo", database.Name, database.ConnectionString,
            "--Seed:Auth:Enabled=true", "--Seed:Auth:ApiKeys:0:Name=privacy-officer", $"--Seed:Auth:ApiKeys:0:Key={Key}",
            "--Seed:Auth:ApiKeys:0:Scopes:0=events:write", "--Seed:Auth:ApiKeys:0:Scopes:1=items:write",
            "--Seed:Auth:ApiKeys:0:Scopes:2=users:read", "--Seed:Auth:ApiKeys:0:Scopes:3=users:admin");
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-API-Key", Key);
        var erased = "dsr-erased-" + Guid.NewGuid().ToString("N")[..8];
        var kept = "dsr-kept-" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync(client, "/v1/items", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["id"] = "dsr-item", ["title"] = "A film" }) });
        foreach (var user in new[] { erased, kept })
        {
            for (var batch = 0; batch < EventsPerUser / 20; batch++)
            {
                var events = new JsonArray([.. Enumerable.Range(batch * 20, 20).Select(i => (JsonNode?)new JsonObject
                {
                    ["eventId"] = $"e{i}", ["userId"] = user, ["type"] = "view", ["itemId"] = "dsr-item", ["context"] = new JsonObject { ["note"] = $"seen by {user}" },
                })]);
                await PostAsync(client, "/v1/events", new JsonObject { ["events"] = events });
            }
        }

        var before = await ExportAsync(client, erased);
        Assert.True(before.GetProperty("hasData").GetBoolean());
        Assert.True(before.GetProperty("eventLogIsDurable").GetBoolean());
        Assert.Equal(EventsPerUser, before.GetProperty("events").GetArrayLength());
        var holdersBefore = await RowsHoldingAsync(database, erased);
        output.WriteLine("before erase: " + string.Join(", ", holdersBefore));
        Assert.Contains(holdersBefore, holder => holder.StartsWith("seed_event_log.", StringComparison.Ordinal));
        Assert.Contains(holdersBefore, holder => holder.StartsWith("orleansstorage.", StringComparison.Ordinal));

        using (var erase = await client.DeleteAsync(new Uri($"/v1/users/{erased}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        }

        var after = await ExportAsync(client, erased);
        Assert.False(after.GetProperty("hasData").GetBoolean());
        Assert.Equal(0, after.GetProperty("events").GetArrayLength());
        Assert.Empty(await RowsHoldingAsync(database, erased));
        Assert.Equal(EventsPerUser, (await ExportAsync(client, kept)).GetProperty("events").GetArrayLength());
        Assert.NotEmpty(await RowsHoldingAsync(database, kept));
    }

    private static async Task PostAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> ExportAsync(HttpClient client, string user)
    {
        using var response = await client.GetAsync(new Uri($"/v1/users/{user}/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>
    /// "table.column" for every row of every table in the database whose text, JSON or binary value contains the user id
    /// (binary grain state included: the id would be in it as UTF-8 if it were stored there).
    /// </summary>
    private static async Task<List<string>> RowsHoldingAsync(TestDatabase database, string userId)
    {
        var columns = await database.QueryAsync(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
             WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'xml')
            """,
            reader => (Table: reader.GetString(0), Column: reader.GetString(1), Type: reader.GetString(2)));
        var holders = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            var condition = type == "bytea"
                ? $"position(convert_to('{userId}', 'UTF8') in \"{column}\") > 0"
                : $"\"{column}\"::text LIKE '%{userId}%'";
            var count = await database.ScalarAsync<long>($"SELECT count(*) FROM \"{table}\" WHERE {condition}");
            if (count > 0)
            {
                holders.Add($"{table}.{column}: {count}");
            }
        }

        return holders;
    }
}
