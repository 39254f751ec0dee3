using Seed.Abstractions.Events;
using Seed.Storage;

namespace Seed.Benchmarks;

/// <summary>
/// A measurement aid for <see cref="GrainMemoryProbe"/>, never a log to serve with: it stores no event. It stands in
/// for the PostgreSQL log as far as the silo's memory goes: that log keeps nothing per user in process (events and
/// ids live in the database), so with it the heap holds only the activations. Reported as durable, as PostgreSQL is,
/// so the user grain behaves as it does in production (its id window is not copied into snapshots). Every append is
/// new and reads find nothing, which is what a log holding one event per user returns after its snapshot.
/// </summary>
public sealed class NonRetainingEventLog : IEventLog
{
    private long _nextPosition;

    public bool IsDurable => true;

    public ValueTask<IReadOnlyList<LoggedEvent>> AppendAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var appended = new LoggedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            appended[i] = new LoggedEvent(Interlocked.Increment(ref _nextPosition), events[i]);
        }

        return ValueTask.FromResult<IReadOnlyList<LoggedEvent>>(appended);
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string userId, long position, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<LoggedEvent>>([]);

    public void Compact(string userId, long position)
    {
        // Nothing is held, so nothing is dropped.
    }

    public Task EraseAsync(string userId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
