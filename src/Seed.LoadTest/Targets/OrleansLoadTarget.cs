using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Client;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Targets;

/// <summary>
/// Load straight at the grains through an Orleans client: the cluster's own capacity without HTTP in the way.
/// Events skip the API's validation, so only valid events are generated.
/// </summary>
public sealed class OrleansLoadTarget : ILoadTarget
{
    private readonly IHost _host;
    private readonly IClusterClient _client;

    private OrleansLoadTarget(IHost host, string gateway)
    {
        _host = host;
        _client = host.Services.GetRequiredService<IClusterClient>();
        Name = "orleans " + gateway;
    }

    public string Name { get; }

    public static async Task<OrleansLoadTarget> ConnectAsync(string gateway, string clusterId, string serviceId)
    {
        var host = await GatewayClientHost.StartAsync(GatewayClientHost.ParseGateways(gateway, "--target orleans:"), clusterId, serviceId, CancellationToken.None);
        return new OrleansLoadTarget(host, gateway);
    }

    public async Task<IReadOnlyList<string>> FindMissingItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var catalog = _client.GetGrain<ICatalogGrain>(0);
        var answers = await Task.WhenAll(itemIds.Chunk(5000).Select(chunk => catalog.FindMissingAsync(chunk)));
        return [.. answers.SelectMany(missing => missing)];
    }

    public async Task UpsertItemsAsync(IReadOnlyList<LoadItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var catalog = _client.GetGrain<ICatalogGrain>(0);
        // Large chunks: every call ends in one whole-state write per shard, so fewer calls mean far fewer bytes written.
        await Parallel.ForEachAsync(items.Chunk(5000), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (chunk, _) =>
            await catalog.UpsertItemsAsync([.. chunk.Select(item => new CatalogItem { Id = item.Id, Title = item.Title, Text = item.Text, Categories = item.Categories, Tags = item.Tags, Popularity = item.Popularity })]));
    }

    public Task SendEventsAsync(IReadOnlyList<LoadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Task.WhenAll(events.GroupBy(e => e.UserId).Select(group => _client.GetGrain<IUserGrain>(group.Key).ApplyEventsAsync(
            group.Select(e => new UserEvent
            {
                EventId = e.EventId,
                Type = ToEventType(e.Type),
                ItemId = e.ItemId,
                Text = e.Text,
                Timestamp = e.Timestamp,
                Rating = e.Rating,
            }).ToList())));
    }

    public async Task<IReadOnlyList<string>> RecommendAsync(string userId, int k, CancellationToken cancellationToken)
    {
        var result = await _client.GetGrain<IUserGrain>(userId).RecommendAsync(new RecommendationRequest { K = k });
        return [.. result.Items.Select(item => item.ItemId)];
    }

    public Task GetUserSummaryAsync(string userId, CancellationToken cancellationToken) =>
        _client.GetGrain<IUserGrain>(userId).GetSummaryAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static EventType ToEventType(string type) => EventTypeNames.TryParse(type, out var parsed)
        ? parsed
        : throw new ArgumentOutOfRangeException(nameof(type), type, "The workload produced an event type this target does not map.");
}
