namespace Seed.LoadTest.Workload;

/// <summary>One generated event: a known-item interaction or a free-text search.</summary>
public sealed record SyntheticEvent(string EventId, string UserId, string Type, string? ItemId, string? Text, DateTimeOffset Timestamp);
