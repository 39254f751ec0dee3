using Seed.Abstractions.Events;

namespace Seed.Abstractions.Users;

/// <summary>
/// Everything Seed stores about one user, for a data-subject access request: the state summary (recent items,
/// category affinities), the interest labels derived from it, and every event the event log still holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("Seed.UserExport")]
public sealed record UserExport
{
    [Id(0)] public required string UserId { get; init; }

    /// <summary>False when nothing at all is stored about the user (never seen, or erased).</summary>
    [Id(1)] public required bool HasData { get; init; }

    [Id(2)] public required UserSummary Summary { get; init; }

    [Id(3)] public required InterestProfile Interests { get; init; }

    /// <summary>The logged events in log order, context included.</summary>
    [Id(4)] public IReadOnlyList<UserEvent> Events { get; init; } = [];

    /// <summary>
    /// True when <see cref="Events"/> comes from the durable log (PostgreSQL), which keeps every event until the user
    /// is erased; the in-memory log drops events once a state snapshot reflects them.
    /// </summary>
    [Id(5)] public required bool EventLogIsDurable { get; init; }
}
