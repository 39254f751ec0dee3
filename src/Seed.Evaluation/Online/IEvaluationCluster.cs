using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Models;
using Seed.Abstractions.Users;

namespace Seed.Evaluation.Online;

/// <summary>
/// A running Seed cluster as the online replay uses it: the calls a client makes (upsert items, send events, ask for
/// recommendations and for one item's rank), through the Orleans client or the REST API.
/// </summary>
public interface IEvaluationCluster : IAsyncDisposable
{
    /// <summary>"orleans" or "http", used in the model's reported name.</summary>
    string Transport { get; }

    /// <summary>The models the cluster serves with (interest model mode and weights, encoder).</summary>
    Task<ModelStatus> DescribeModelsAsync(CancellationToken cancellationToken);

    Task UpsertItemsAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken);

    /// <summary>Sends one user's events in order; returns when the cluster acknowledged them.</summary>
    Task SendEventsAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken);

    /// <summary>The user's top <paramref name="k"/> items, best first, excluding the items the user has seen.</summary>
    Task<RecommendationResult> RecommendAsync(string userId, int k, CancellationToken cancellationToken);

    /// <summary>The item's 1-based rank in the same ranking (0 when the item is excluded as seen).</summary>
    Task<int> RankAsync(string userId, string itemId, CancellationToken cancellationToken);

    /// <summary>How many seen items the cluster keeps for the user (they are what <see cref="RecommendAsync"/> excludes).</summary>
    Task<int> SeenItemCountAsync(string userId, CancellationToken cancellationToken);
}
