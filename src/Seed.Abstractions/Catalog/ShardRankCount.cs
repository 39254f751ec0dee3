namespace Seed.Abstractions.Catalog;

/// <summary>One shard's part of an <see cref="ItemRank"/>: eligible items ranked ahead of the target, and eligible items in all.</summary>
[GenerateSerializer, Immutable, Alias("Seed.ShardRankCount")]
public sealed record ShardRankCount
{
    [Id(0)] public int Ahead { get; init; }

    [Id(1)] public int Eligible { get; init; }
}
