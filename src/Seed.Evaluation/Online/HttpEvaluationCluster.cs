using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Models;
using Seed.Abstractions.Users;

namespace Seed.Evaluation.Online;

/// <summary>The cluster through its REST API (<c>/v1</c>), exactly as a web client uses it.</summary>
public sealed class HttpEvaluationCluster : IEvaluationCluster
{
    /// <summary>The API's default batch limits (Seed:Api:MaxEventsPerBatch, MaxItemsPerBatch).</summary>
    private const int MaxBatch = 1000;

    // The API writes enums as names (camelCase JSON otherwise), as its own serializer options do.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>Uses <paramref name="http"/> (its BaseAddress is the API root); <paramref name="ownsClient"/> disposes it with this object.</summary>
    public HttpEvaluationCluster(HttpClient http, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(http.BaseAddress, nameof(http) + "." + nameof(HttpClient.BaseAddress));
        _http = http;
        _ownsClient = ownsClient;
    }

    public string Transport => "http";

    /// <summary>A client for <paramref name="baseAddress"/> (e.g. http://127.0.0.1:5000).</summary>
    public static HttpEvaluationCluster Create(Uri baseAddress) =>
        new(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) }, ownsClient: true);

    public async Task<ModelStatus> DescribeModelsAsync(CancellationToken cancellationToken)
    {
        var health = await GetAsync<HealthBody>("/healthz", cancellationToken);
        return health.Models ?? throw new InvalidOperationException($"{_http.BaseAddress}healthz reported no models (status '{health.Status}').");
    }

    public async Task UpsertItemsAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var chunk in items.Chunk(MaxBatch))
        {
            await PostAsync("/v1/items", new { items = chunk }, cancellationToken);
        }
    }

    public async Task SendEventsAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var chunk in events.Chunk(MaxBatch))
        {
            var body = chunk.Select(e => new
            {
                eventId = e.EventId,
                userId,
                // The API accepts the enum names case-insensitively (PascalCase as well as snake_case).
                type = e.Type.ToString(),
                itemId = e.ItemId,
                text = e.Text,
                timestamp = e.Timestamp,
                rating = e.Rating,
            });
            await PostAsync("/v1/events", new { events = body }, cancellationToken);
        }
    }

    public Task<RecommendationResult> RecommendAsync(string userId, int k, CancellationToken cancellationToken) =>
        GetAsync<RecommendationResult>(
            $"/v1/users/{Uri.EscapeDataString(userId)}/recommendations?k={k.ToString(CultureInfo.InvariantCulture)}&excludeSeen=true", cancellationToken);

    public async Task<int> RankAsync(string userId, string itemId, CancellationToken cancellationToken) =>
        (await GetAsync<ItemRankResult>(
            $"/v1/users/{Uri.EscapeDataString(userId)}/recommendations/{Uri.EscapeDataString(itemId)}?excludeSeen=true", cancellationToken)).Item.Rank;

    public async Task<int> SeenItemCountAsync(string userId, CancellationToken cancellationToken) =>
        (await GetAsync<UserSummary>($"/v1/users/{Uri.EscapeDataString(userId)}", cancellationToken)).RecentItemIds.Count;

    public ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        await EnsureSuccessAsync(response, path, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new InvalidOperationException($"GET {path} returned an empty body.");
    }

    private async Task PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(path, body, Json, cancellationToken);
        await EnsureSuccessAsync(response, path, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            // The problem-details body names what was wrong; without it a 400 during a replay is undiagnosable.
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{path} answered {(int)response.StatusCode} {response.StatusCode}: {detail}", null, response.StatusCode);
        }
    }

    /// <summary>The part of <c>GET /healthz</c> the replay reads.</summary>
    private sealed record HealthBody(string Status, ModelStatus? Models);
}
