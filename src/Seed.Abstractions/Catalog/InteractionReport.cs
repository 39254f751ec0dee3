namespace Seed.Abstractions.Catalog;

/// <summary>What users' event batches tell a catalog shard about its items: positive interactions and co-like pairs.</summary>
[GenerateSerializer, Immutable, Alias("Seed.InteractionReport")]
public sealed record InteractionReport
{
    /// <summary>One entry per positive interaction (an item liked twice appears twice).</summary>
    [Id(0)] public IReadOnlyList<string> LikedItemIds { get; init; } = [];

    /// <summary>Runs of co-like pairs whose first item this shard owns (see <see cref="CoLikeRun"/>).</summary>
    /// <remarks>Id 1 held one object per pair before runs replaced them; it stays unused.</remarks>
    [Id(2)] public IReadOnlyList<CoLikeRun> CoLikes { get; init; } = [];
}
