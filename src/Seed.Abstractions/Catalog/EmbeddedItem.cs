namespace Seed.Abstractions.Catalog;

/// <summary>An item together with its text embedding, as sent to the shard that owns it.</summary>
[GenerateSerializer, Immutable, Alias("Seed.EmbeddedItem")]
public sealed record EmbeddedItem
{
    [Id(0)] public required CatalogItem Item { get; init; }

    /// <summary>Unit-length text embedding from the encoder pool.</summary>
    [Id(1)] public required float[] Embedding { get; init; }
}
