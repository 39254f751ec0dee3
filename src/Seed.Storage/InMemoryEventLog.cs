using System.Collections.Concurrent;
using Seed.Abstractions.Events;

namespace Seed.Storage;

/// <summary>
/// The embedded default: the same contract as the PostgreSQL log, held in this silo's memory, except that it does not
/// check event ids. It keeps only what a snapshot does not reflect yet (at most about SnapshotEveryEvents per user),
/// and nothing for a user whose events a snapshot all reflects, so memory does not grow with the event count or with
/// the users ever seen. It is not durable: a process crash loses what no snapshot holds (with Memory grain storage the
/// snapshots go too), and a user that moves to another silo without a graceful deactivation finds only its last
/// snapshot there.
/// </summary>
/// <remarks>
/// No id check, because the user grain's idempotency window already is the dedup of record with a volatile log: the
/// grain checks every event against it before the append, its snapshots carry it, and a replay of the log rebuilds
/// the part after the snapshot. A second window here held the same ids again, which cost a second set insert and
/// eviction per event and a window per user for good.
/// </remarks>
public sealed class InMemoryEventLog : IEventLog
{
    private readonly ConcurrentDictionary<string, UserLog> _users = new(StringComparer.Ordinal);
    private long _nextPosition;

    public bool IsDurable => false;

    /// <summary>The users whose log holds events now (tests: a user whose events were all compacted costs nothing).</summary>
    public int UsersWithEvents => _users.Count;

    public ValueTask<IReadOnlyList<LoggedEvent>> AppendAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<LoggedEvent>>([]);
        }

        var appended = new LoggedEvent[events.Count];
        while (true)
        {
            // A static factory: a lambda capturing state would be an allocation on every append.
            var log = _users.GetOrAdd(userId, static _ => new UserLog());
            lock (log)
            {
                if (log.Dropped)
                {
                    continue; // compacted away between the lookup and the lock: take the user's new log
                }

                // Indexed, not foreach: an interface enumerator is one more allocation per append.
                for (var i = 0; i < events.Count; i++)
                {
                    appended[i] = new LoggedEvent(Interlocked.Increment(ref _nextPosition), events[i]);
                    log.Entries.Add(appended[i]);
                }

                return ValueTask.FromResult<IReadOnlyList<LoggedEvent>>(appended);
            }
        }
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string userId, long position, CancellationToken cancellationToken = default)
    {
        if (!_users.TryGetValue(userId, out var log))
        {
            return Task.FromResult<IReadOnlyList<LoggedEvent>>([]);
        }

        lock (log)
        {
            return Task.FromResult<IReadOnlyList<LoggedEvent>>(log.Entries.Where(entry => entry.Position > position).ToList());
        }
    }

    public void Compact(string userId, long position)
    {
        if (_users.TryGetValue(userId, out var log))
        {
            lock (log)
            {
                log.Entries.RemoveAll(entry => entry.Position <= position);
                if (log.Entries.Count == 0)
                {
                    // Most users, most of the time: nothing is kept for them. Marked under the lock, so an append that
                    // found this log before the removal takes a new one instead of appending where no reader looks.
                    log.Dropped = true;
                    _users.TryRemove(new KeyValuePair<string, UserLog>(userId, log));
                }
            }
        }
    }

    public Task EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (_users.TryRemove(userId, out var log))
        {
            lock (log)
            {
                log.Dropped = true;
            }
        }

        return Task.CompletedTask;
    }

    private sealed class UserLog
    {
        /// <summary>The events no snapshot reflects yet, in log order.</summary>
        public List<LoggedEvent> Entries { get; } = [];

        /// <summary>Set once the log left the map (all compacted, or erased): appends must take a new one.</summary>
        public bool Dropped { get; set; }
    }
}
