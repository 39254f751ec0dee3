namespace Seed.LoadTest.Workload;

/// <summary>One event to send: generated (synthetic mode) or read from a data set (replay mode).</summary>
/// <param name="Type">The API's wire name of the event type (view, rating, search...).</param>
/// <param name="Rating">Star rating for rating events, else null.</param>
public sealed record LoadEvent(string EventId, string UserId, string Type, string? ItemId, string? Text, DateTimeOffset Timestamp, float? Rating = null);
