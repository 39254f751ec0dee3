namespace Seed.Abstractions.Catalog;

/// <summary>What the catalog knows about one item a user interacted with.</summary>
[GenerateSerializer, Immutable, Alias("Seed.ItemLookup")]
public sealed record ItemLookup
{
    [Id(0)] public required string ItemId { get; init; }

    [Id(1)] public bool Found { get; init; }

    /// <summary>The raw text embedding (the LSTM's input space); empty when not found.</summary>
    [Id(2)] public float[] Embedding { get; init; } = [];

    [Id(3)] public IReadOnlyList<string> Categories { get; init; } = [];
}
