namespace Seed.LoadTest.Running;

/// <summary>
/// Keeps each user's requests in order while different users run concurrently: an operation starts only after the
/// last earlier operation of each of its users has finished. Not thread-safe: call <see cref="Enqueue"/> from one
/// caller at a time, in the order the operations must keep.
/// </summary>
public sealed class PerUserSequencer
{
    private const int PruneThreshold = 65_536;
    private readonly Dictionary<string, Task> _lastByUser = new(StringComparer.Ordinal);

    /// <summary>Users with an operation that may still be running (for tests and diagnostics).</summary>
    public int TrackedUsers => _lastByUser.Count;

    public Task Enqueue(IEnumerable<string> users, Func<Task> operation)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(operation);
        var distinct = users.Distinct(StringComparer.Ordinal).ToList();
        List<Task>? predecessors = null;
        foreach (var user in distinct)
        {
            if (_lastByUser.TryGetValue(user, out var last) && !last.IsCompleted)
            {
                (predecessors ??= []).Add(last);
            }
        }

        var task = predecessors is null ? operation() : RunAfterAsync(predecessors, operation);
        foreach (var user in distinct)
        {
            _lastByUser[user] = task;
        }

        if (_lastByUser.Count > PruneThreshold)
        {
            foreach (var done in _lastByUser.Where(pair => pair.Value.IsCompleted).Select(pair => pair.Key).ToList())
            {
                _lastByUser.Remove(done);
            }
        }

        return task;
    }

    private static async Task RunAfterAsync(List<Task> predecessors, Func<Task> operation)
    {
        try
        {
            await Task.WhenAll(predecessors).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed predecessor was already counted by whoever ran it; the order is what this waits for.
        }

        await operation().ConfigureAwait(false);
    }
}
