using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Targets;

/// <summary>
/// Load through the REST API: event batches to POST /v1/events, recommendations by GET. With an API key every request
/// carries it as a bearer credential.
/// </summary>
public sealed class HttpLoadTarget(Uri baseAddress, int maxConnections, string? apiKey = null) : ILoadTarget
{
    /// <summary>The API's limit on events and on items per request.</summary>
    private const int ProbeBatchSize = 1000;

    private const int UpsertBatchSize = 1000;

    private static readonly JsonSerializerOptions NullFreeJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = apiKey is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey) },
    };

    public string Name => "http " + baseAddress;

    /// <summary>
    /// The API has no item lookup, so this asks POST /v1/events: a batch naming unknown items is refused as a whole
    /// (400, nothing applied) with one error per unknown id; a batch of known items is applied to a throw-away probe
    /// user, who is deleted afterwards.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindMissingItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var probeUser = "lt-probe-" + Guid.NewGuid().ToString("N")[..12];
        var missing = new List<string>();
        var now = DateTimeOffset.UtcNow;
        var offset = 0;
        foreach (var chunk in itemIds.Distinct(StringComparer.Ordinal).Chunk(ProbeBatchSize))
        {
            var first = offset;
            offset += chunk.Length;
            var body = new { events = chunk.Select((id, i) => new { eventId = $"{probeUser}-{first + i}", userId = probeUser, type = "view", itemId = id, timestamp = now }) };
            using var response = await _client.PostAsync(new Uri("/v1/events", UriKind.Relative), JsonBody(body, JsonSerializerOptions.Web), cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                var named = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Count(e => e.Name.EndsWith(".itemId", StringComparison.Ordinal)) : 0;
                if (named == 0)
                {
                    throw new LoadOperationException("http-400", problem.ToString());
                }

                foreach (var error in errors.EnumerateObject().Where(e => e.Name.EndsWith(".itemId", StringComparison.Ordinal)))
                {
                    var index = int.Parse(error.Name["events[".Length..error.Name.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                    missing.Add(chunk[index]);
                }
            }
            else
            {
                await EnsureSuccessAsync(response, cancellationToken);
            }
        }

        using var deleted = await _client.DeleteAsync(new Uri("/v1/users/" + probeUser, UriKind.Relative), cancellationToken);
        return missing;
    }

    public async Task UpsertItemsAsync(IReadOnlyList<LoadItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        // Two requests in flight keep the encoder busy while a shard stores the previous chunk.
        await Parallel.ForEachAsync(items.Chunk(UpsertBatchSize), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var body = new { items = chunk.Select(item => new { id = item.Id, title = item.Title, text = item.Text, categories = item.Categories, tags = item.Tags, popularity = item.Popularity }) };
            using var response = await _client.PostAsync(new Uri("/v1/items", UriKind.Relative), JsonBody(body, NullFreeJson), token);
            await EnsureSuccessAsync(response, token);
        });
    }

    public async Task SendEventsAsync(IReadOnlyList<LoadEvent> events, CancellationToken cancellationToken)
    {
        var body = new
        {
            events = events.Select(e => new { eventId = e.EventId, userId = e.UserId, type = e.Type, itemId = e.ItemId, text = e.Text, timestamp = e.Timestamp, rating = e.Rating }),
        };
        using var response = await _client.PostAsync(new Uri("/v1/events", UriKind.Relative), JsonBody(body, NullFreeJson), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// GET /v1/users/{id}/recommendations; the body is parsed for its item ids, as any client of the list would, so
    /// every recommendation latency includes reading the answer.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecommendAsync(string userId, int k, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(new Uri($"/v1/users/{Uri.EscapeDataString(userId)}/recommendations?k={k}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var answer = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return [.. answer.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("itemId").GetString() ?? "")];
    }

    public async Task GetUserSummaryAsync(string userId, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(new Uri($"/v1/users/{Uri.EscapeDataString(userId)}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A JSON body sent with its length, as a browser's <c>fetch</c> with a string body sends it. <c>PostAsJsonAsync</c>
    /// streams the body in chunked encoding instead, which the server then decodes chunk by chunk: in a profile of
    /// single-event requests the chunked body's pump and reads were several percent of the silo's CPU, and the
    /// harness shares the silo's cores.
    /// </summary>
    private static ByteArrayContent JsonBody<T>(T body, JsonSerializerOptions options) => new(JsonSerializer.SerializeToUtf8Bytes(body, options))
    {
        Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
    };

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LoadOperationException("http-" + (int)response.StatusCode, detail.Length > 300 ? detail[..300] : detail);
        }
    }
}
