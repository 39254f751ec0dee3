namespace Seed.Api.Contracts;

/// <summary>One event as a client sends it. Everything is optional here so that validation can name what is missing.</summary>
public sealed class EventRequest
{
    public string? EventId { get; set; }

    public string? UserId { get; set; }

    /// <summary>view, click, add_to_cart, purchase, rating, search, review, dislike or tag.</summary>
    public string? Type { get; set; }

    public string? ItemId { get; set; }

    public string? Text { get; set; }

    /// <summary>ISO 8601 with offset; defaults to the server's clock.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Stars, 0.5 to 5; required for rating events.</summary>
    public float? Rating { get; set; }

    public Dictionary<string, string>? Context { get; set; }
}
