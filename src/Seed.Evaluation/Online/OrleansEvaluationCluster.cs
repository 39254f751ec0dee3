using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Models;
using Seed.Abstractions.Users;
using Seed.Client;

namespace Seed.Evaluation.Online;

/// <summary>The cluster through an Orleans client: the same grain calls the REST API makes, without HTTP in between.</summary>
public sealed class OrleansEvaluationCluster : IEvaluationCluster
{
    private readonly IGrainFactory _grains;
    private readonly IHost? _ownedHost;

    /// <summary>Uses an existing grain factory (a connected client, or a silo hosting the caller).</summary>
    public OrleansEvaluationCluster(IGrainFactory grains)
        : this(grains, null)
    {
    }

    private OrleansEvaluationCluster(IGrainFactory grains, IHost? ownedHost)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _ownedHost = ownedHost;
    }

    public string Transport => "orleans";

    /// <summary>Connects a client to a silo gateway (<c>host:port</c> with an IP address).</summary>
    public static async Task<OrleansEvaluationCluster> ConnectAsync(string gateway, string clusterId, string serviceId, CancellationToken cancellationToken)
    {
        var host = await GatewayClientHost.StartAsync(GatewayClientHost.ParseGateways(gateway, "--cluster orleans:"), clusterId, serviceId, cancellationToken);
        return new OrleansEvaluationCluster(host.Services.GetRequiredService<IClusterClient>(), host);
    }

    public Task<ModelStatus> DescribeModelsAsync(CancellationToken cancellationToken) =>
        _grains.GetGrain<IEncoderGrain>(0).DescribeAsync();

    public Task UpsertItemsAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken) =>
        _grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(items);

    public Task SendEventsAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken) =>
        _grains.GetGrain<IUserGrain>(userId).ApplyEventsAsync(events);

    public Task<RecommendationResult> RecommendAsync(string userId, int k, CancellationToken cancellationToken) =>
        _grains.GetGrain<IUserGrain>(userId).RecommendAsync(new RecommendationRequest { K = k, ExcludeSeen = true });

    public async Task<int> RankAsync(string userId, string itemId, CancellationToken cancellationToken) =>
        (await _grains.GetGrain<IUserGrain>(userId).RankItemAsync(itemId, new RecommendationRequest { ExcludeSeen = true })).Item.Rank;

    public async Task<int> SeenItemCountAsync(string userId, CancellationToken cancellationToken) =>
        (await _grains.GetGrain<IUserGrain>(userId).GetSummaryAsync()).RecentItemIds.Count;

    public async ValueTask DisposeAsync()
    {
        if (_ownedHost is not null)
        {
            await _ownedHost.StopAsync();
            _ownedHost.Dispose();
        }
    }
}
