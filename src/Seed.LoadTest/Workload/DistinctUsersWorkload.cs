using System.Globalization;

namespace Seed.LoadTest.Workload;

/// <summary>
/// <see cref="Count"/> users who each send one event and are never seen again: user n is the prefix plus n. The events
/// themselves (item or search, which item) come from the synthetic generator. Ends after the last user, so it measures
/// what many distinct, then idle, users cost a silo rather than a steady mix.
/// </summary>
public sealed class DistinctUsersWorkload(SyntheticWorkload events, int count) : IEventSource
{
    private long _next;

    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "At least one user.");

    public string Mode => "distinct users";

    public IReadOnlyList<LoadItem> Items => events.Items;

    public bool KeepsUserOrder => false;

    public long? EventCount => Count;

    /// <summary>The next user's single event (one per request, whatever the batch size); false after the last user.</summary>
    public bool TryNext(Random random, out LoadEvent[] batch, out TimeSpan? due)
    {
        due = null;
        var user = Interlocked.Increment(ref _next) - 1;
        if (user >= Count)
        {
            batch = [];
            return false;
        }

        batch = [events.NextEvent(random, events.UserPrefix + user.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow)];
        return true;
    }
}
