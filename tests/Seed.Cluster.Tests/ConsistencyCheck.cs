using Xunit.Abstractions;

namespace Seed.Cluster.Tests;

/// <summary>The durability assertion shared by the fault tests: the log holds every acknowledged event, and every
/// user's event counter equals that user's row count in the log (each logged event applied exactly once).</summary>
public static class ConsistencyCheck
{
    public static async Task AssertNothingLostAsync(TestDatabase database, Uri api, EventStream stream, int users, ITestOutputHelper output)
    {
        var logged = (await database.QueryAsync("SELECT event_id FROM seed_event_log", reader => reader.GetString(0)))
            .ToHashSet(StringComparer.Ordinal);
        var missing = stream.Acknowledged.Where(id => !logged.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged events are not in the log, e.g. {string.Join(", ", missing.Take(5))}");

        var perUser = (await database.QueryAsync(
                "SELECT user_id, count(*) FROM seed_event_log GROUP BY user_id", reader => (reader.GetString(0), reader.GetInt64(1))))
            .ToDictionary(row => row.Item1, row => row.Item2, StringComparer.Ordinal);
        using var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        var mismatches = new List<string>();
        for (var u = 0; u < users; u++)
        {
            var userId = EventStream.UserId(u);
            var counter = await ClusterApi.EventCountAsync(client, userId);
            var rows = perUser.GetValueOrDefault(userId);
            if (counter != rows)
            {
                mismatches.Add($"{userId}: counter {counter}, log {rows}");
            }
        }

        output.WriteLine($"consistency: {stream.Acknowledged.Count} acknowledged, {logged.Count} logged, {users} users compared, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, "event counters differ from the log: " + string.Join("; ", mismatches.Take(10)));
    }
}
