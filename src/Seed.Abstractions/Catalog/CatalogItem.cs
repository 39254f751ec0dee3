namespace Seed.Abstractions.Catalog;

/// <summary>An item as clients describe it. <see cref="Text"/> (or the title when empty) is what gets embedded.</summary>
[GenerateSerializer, Immutable, Alias("Seed.CatalogItem")]
public sealed record CatalogItem
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Title { get; init; }

    [Id(2)] public string? Text { get; init; }

    [Id(3)] public IReadOnlyList<string> Categories { get; init; } = [];

    [Id(4)] public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Prior popularity (e.g. a sales or rating count); live interactions are added to it.</summary>
    [Id(5)] public double Popularity { get; init; }

    [Id(6)] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The text the encoder sees: the explicit text, else title plus categories and tags.</summary>
    public string EmbeddingText()
    {
        if (!string.IsNullOrWhiteSpace(Text))
        {
            return Text;
        }

        var parts = new List<string>(3) { Title };
        if (Categories.Count > 0)
        {
            parts.Add(string.Join(", ", Categories));
        }

        if (Tags.Count > 0)
        {
            parts.Add(string.Join(", ", Tags));
        }

        return string.Join(". ", parts);
    }
}
