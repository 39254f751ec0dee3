using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Targets;

/// <summary>Where load goes: the REST API or an Orleans gateway. Implementations throw on any failure.</summary>
public interface ILoadTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The ids among <paramref name="itemIds"/> that the target's catalog does not hold.</summary>
    Task<IReadOnlyList<string>> FindMissingItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken);

    /// <summary>Upserts items (idempotent: same id, same text, same embedding).</summary>
    Task UpsertItemsAsync(IReadOnlyList<LoadItem> items, CancellationToken cancellationToken);

    Task SendEventsAsync(IReadOnlyList<LoadEvent> events, CancellationToken cancellationToken);

    /// <summary>The user's recommendations (seen items left out, the API's default), as item ids best first.</summary>
    Task<IReadOnlyList<string>> RecommendAsync(string userId, int k, CancellationToken cancellationToken);

    /// <summary>The cheapest read the target serves for a user (one user-grain call, no catalog work).</summary>
    Task GetUserSummaryAsync(string userId, CancellationToken cancellationToken);
}
