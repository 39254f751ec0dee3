using System.Collections.Concurrent;
using Seed.Abstractions.Events;

namespace Seed.Storage;

/// <summary>
/// The embedded default: the same contract as the PostgreSQL log, held in this silo's memory. It keeps only what a
/// snapshot does not reflect yet (at most about SnapshotEveryEvents per user) plus a bounded window of ids per user,
/// so memory does not grow with the event count. It is not durable: a process crash loses what no snapshot holds
/// (with Memory grain storage the snapshots go too), and a user that moves to another silo without a graceful
/// deactivation finds only its last snapshot there.
/// </summary>
public sealed class InMemoryEventLog(int eventIdWindow) : IEventLog
{
    private readonly ConcurrentDictionary<string, UserLog> _users = new(StringComparer.Ordinal);
    private long _nextPosition;

    public bool IsDurable => false;

    public ValueTask<IReadOnlyList<LoggedEvent>> AppendAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        // A static factory and an indexed loop: a lambda over the window size and an interface enumerator were two
        // allocations on every append.
        var log = _users.GetOrAdd(userId, static (_, window) => new UserLog(window), eventIdWindow);
        var appended = new List<LoggedEvent>(events.Count);
        lock (log)
        {
            for (var i = 0; i < events.Count; i++)
            {
                var userEvent = events[i];
                if (log.Ids.Add(userEvent.EventId))
                {
                    var entry = new LoggedEvent(Interlocked.Increment(ref _nextPosition), userEvent);
                    (log.Entries ??= []).Add(entry);
                    appended.Add(entry);
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<LoggedEvent>>(appended);
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string userId, long position, CancellationToken cancellationToken = default)
    {
        if (!_users.TryGetValue(userId, out var log))
        {
            return Task.FromResult<IReadOnlyList<LoggedEvent>>([]);
        }

        lock (log)
        {
            return Task.FromResult<IReadOnlyList<LoggedEvent>>(log.Entries?.Where(entry => entry.Position > position).ToList() ?? []);
        }
    }

    public void Compact(string userId, long position)
    {
        if (_users.TryGetValue(userId, out var log))
        {
            lock (log)
            {
                log.Entries?.RemoveAll(entry => entry.Position <= position);
                if (log.Entries is { Count: 0 })
                {
                    // Every user keeps its id window here for good; an emptied list (and its array) need not stay too.
                    log.Entries = null;
                }
            }
        }
    }

    public Task EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        _users.TryRemove(userId, out _);
        return Task.CompletedTask;
    }

    private sealed class UserLog(int eventIdWindow)
    {
        public EventIdWindow Ids { get; } = new(eventIdWindow);

        /// <summary>The events no snapshot reflects yet; null when there are none (most users, most of the time).</summary>
        public List<LoggedEvent>? Entries { get; set; }
    }
}
