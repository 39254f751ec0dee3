using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Seed.Cluster.Tests;

/// <summary>The few REST calls the cluster tests make besides the event stream.</summary>
public static class ClusterApi
{
    public static async Task UpsertItemsAsync(Uri baseAddress, int count)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var items = new JsonArray();
        string[] categories = ["Books", "Music", "Garden", "Kitchen", "Toys"];
        for (var i = 0; i < count; i++)
        {
            items.Add(new JsonObject
            {
                ["id"] = EventStream.ItemId(i),
                ["title"] = $"Product {i} for {categories[i % categories.Length].ToLowerInvariant()} lovers",
                ["categories"] = new JsonArray(categories[i % categories.Length]),
                ["popularity"] = i,
            });
        }

        using var response = await client.PostAsJsonAsync(new Uri("/v1/items", UriKind.Relative), new JsonObject { ["items"] = items });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The user's event counter as the grain reports it (activating it, and so replaying its log, if needed).</summary>
    public static async Task<long> EventCountAsync(HttpClient client, string userId)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync(new Uri($"/v1/users/{userId}", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                var summary = await response.Content.ReadFromJsonAsync<JsonObject>();
                return summary!["eventCount"]!.GetValue<long>();
            }

            if (attempt >= 20)
            {
                response.EnsureSuccessStatusCode();
            }

            await Task.Delay(500);
        }
    }
}
