namespace Seed.Abstractions.Events;

/// <summary>What a user grain did with a batch of events.</summary>
[GenerateSerializer, Immutable, Alias("Seed.EventBatchResult")]
public sealed record EventBatchResult
{
    /// <summary>Events applied to the user's state by this call.</summary>
    [Id(0)] public int Applied { get; init; }

    /// <summary>Events whose id had already been applied; acknowledged, not applied again.</summary>
    [Id(1)] public int Duplicates { get; init; }

    /// <summary>Applied events that were older than the user's last event (see the out-of-order policy).</summary>
    [Id(2)] public int Late { get; init; }

    [Id(3)] public long EventCount { get; init; }

    [Id(4)] public long Version { get; init; }
}
