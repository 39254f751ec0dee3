using Seed.Abstractions.Models;

namespace Seed.Abstractions.Users;

/// <summary>
/// Why a user gets what they get: the labels whose centroids are closest to the user's long-term and
/// short-term interest vectors.
/// </summary>
[GenerateSerializer, Immutable, Alias("Seed.InterestProfile")]
public sealed record InterestProfile
{
    [Id(0)] public required string UserId { get; init; }

    [Id(1)] public IReadOnlyList<LabelScore> LongTermCategories { get; init; } = [];

    [Id(2)] public IReadOnlyList<LabelScore> LongTermTags { get; init; } = [];

    [Id(3)] public IReadOnlyList<LabelScore> ShortTermCategories { get; init; } = [];

    [Id(4)] public IReadOnlyList<LabelScore> ShortTermTags { get; init; } = [];

    [Id(5)] public required InterestModelMode ModelMode { get; init; }
}
