namespace Seed.Api.Contracts;

/// <summary>One catalog item as a client sends it.</summary>
public sealed class ItemRequest
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    /// <summary>Description to embed; when absent the title, categories and tags are embedded.</summary>
    public string? Text { get; set; }

    public List<string>? Categories { get; set; }

    public List<string>? Tags { get; set; }

    public double? Popularity { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
}
