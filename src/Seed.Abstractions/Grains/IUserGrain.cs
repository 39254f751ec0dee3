using Seed.Abstractions.Events;
using Seed.Abstractions.Users;

namespace Seed.Abstractions.Grains;

/// <summary>One user: tracks interests event by event and ranks the catalog for them. Key: the user id.</summary>
[Alias("Seed.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Applies events (already validated) in timestamp order; duplicates by event id are skipped.</summary>
    [Alias("ApplyEvents")]
    Task<EventBatchResult> ApplyEventsAsync(IReadOnlyList<UserEvent> events);

    [Alias("Recommend")]
    Task<RecommendationResult> RecommendAsync(RecommendationRequest request);

    /// <summary>Where one item stands in this user's recommendations for the same request (K aside): "why (not) this item?".</summary>
    [Alias("RankItem")]
    Task<ItemRankResult> RankItemAsync(string itemId, RecommendationRequest request);

    [Alias("GetSummary")]
    Task<UserSummary> GetSummaryAsync();

    [Alias("GetInterests")]
    Task<InterestProfile> GetInterestsAsync(int top);

    /// <summary>Everything stored about the user (state summary, interest labels, logged events); changes nothing.</summary>
    [Alias("Export")]
    Task<UserExport> ExportAsync();

    /// <summary>Erases everything known about the user. Returns false when there was nothing to erase.</summary>
    [Alias("Erase")]
    Task<bool> EraseAsync();
}
