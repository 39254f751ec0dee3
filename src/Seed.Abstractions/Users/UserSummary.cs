using Seed.Abstractions.Models;

namespace Seed.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("Seed.UserSummary")]
public sealed record UserSummary
{
    [Id(0)] public required string UserId { get; init; }

    [Id(1)] public long EventCount { get; init; }

    [Id(2)] public DateTimeOffset? LastEventTime { get; init; }

    /// <summary>Most recent first.</summary>
    [Id(3)] public IReadOnlyList<string> RecentItemIds { get; init; } = [];

    /// <summary>Time-decayed, event-weighted affinity per category, strongest first.</summary>
    [Id(4)] public IReadOnlyList<LabelScore> CategoryAffinities { get; init; } = [];

    [Id(5)] public long Version { get; init; }

    [Id(6)] public required InterestModelMode ModelMode { get; init; }
}
