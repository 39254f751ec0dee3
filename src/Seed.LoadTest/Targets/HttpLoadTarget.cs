using System.Net.Http.Json;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Targets;

/// <summary>Load through the REST API: event batches to POST /v1/events, recommendations by GET.</summary>
public sealed class HttpLoadTarget(Uri baseAddress, int maxConnections) : ILoadTarget
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public string Name => "http " + baseAddress;

    public async Task SeedCatalogAsync(IReadOnlyList<SyntheticItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var chunk in items.Chunk(500))
        {
            var body = new { items = chunk.Select(item => new { id = item.Id, title = item.Title, categories = new[] { item.Category } }) };
            using var response = await _client.PostAsJsonAsync(new Uri("/v1/items", UriKind.Relative), body, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    public async Task SendEventsAsync(IReadOnlyList<SyntheticEvent> events, CancellationToken cancellationToken)
    {
        var body = new
        {
            events = events.Select(e => new { eventId = e.EventId, userId = e.UserId, type = e.Type, itemId = e.ItemId, text = e.Text, timestamp = e.Timestamp }),
        };
        using var response = await _client.PostAsJsonAsync(new Uri("/v1/events", UriKind.Relative), body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task RecommendAsync(string userId, int k, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(new Uri($"/v1/users/{Uri.EscapeDataString(userId)}/recommendations?k={k}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LoadOperationException("http-" + (int)response.StatusCode, detail.Length > 300 ? detail[..300] : detail);
        }
    }
}
