namespace Seed.Abstractions.Events;

/// <summary>One validated event on its way to a user grain.</summary>
[GenerateSerializer, Immutable, Alias("Seed.UserEvent")]
public sealed record UserEvent
{
    /// <summary>Client-chosen id; the user grain applies each id at most once.</summary>
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required EventType Type { get; init; }

    /// <summary>The catalog item the event is about, if any.</summary>
    [Id(2)] public string? ItemId { get; init; }

    /// <summary>Free text (a query, a review, a tag) that is embedded by the encoder pool.</summary>
    [Id(3)] public string? Text { get; init; }

    [Id(4)] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Star rating (0.5 to 5) for rating and review events.</summary>
    [Id(5)] public float? Rating { get; init; }

    /// <summary>Opaque client context (device, page...), kept for the event log, not used for ranking.</summary>
    [Id(6)] public IReadOnlyDictionary<string, string>? Context { get; init; }
}
