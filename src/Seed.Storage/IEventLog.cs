using Seed.Abstractions.Events;

namespace Seed.Storage;

/// <summary>
/// The silo-wide event log user grains append to before they acknowledge. In a durable log (user id, event id) is
/// unique: appending an id the log already holds is a no-op and the id is reported back as a duplicate. A volatile
/// log appends what it is given: the user grain checks every event against its idempotency window first, and with a
/// volatile log its snapshots carry that window, so the window is the dedup of record there.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// True when appended events survive a process crash (PostgreSQL): the log's unique key is then the dedup of
    /// record. With a volatile log a user grain's snapshot carries its idempotency window as well. Either way user
    /// grains snapshot every N events, by timer and on deactivation, not per batch.
    /// </summary>
    bool IsDurable { get; }

    /// <summary>
    /// Appends <paramref name="events"/> (in the order they will be applied) and returns those that were new (all of
    /// them, for a volatile log), with their positions, in the same order. Throws
    /// <see cref="StorageUnavailableException"/> when nothing was appended.
    /// A <see cref="ValueTask{TResult}"/> awaited once by its caller: the in-memory log answers every event's append at
    /// once, without a task.
    /// </summary>
    ValueTask<IReadOnlyList<LoggedEvent>> AppendAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The user's events after <paramref name="position"/>, in log order: what a snapshot does not reflect yet.</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string userId, long position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the log that a snapshot now reflects everything up to <paramref name="position"/>. A volatile log may
    /// drop those entries; a durable log keeps them (they are the audit trail and the dedup key).
    /// </summary>
    void Compact(string userId, long position);

    /// <summary>Forgets the user's events (the user was erased).</summary>
    Task EraseAsync(string userId, CancellationToken cancellationToken = default);
}
