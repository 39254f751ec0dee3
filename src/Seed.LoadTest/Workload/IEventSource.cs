namespace Seed.LoadTest.Workload;

/// <summary>
/// Where a run's events come from: the synthetic generator (endless) or a data set replay (finite, in time order).
/// The runner calls <see cref="TryNext"/> from one caller at a time, in send order.
/// </summary>
public interface IEventSource
{
    /// <summary>"synthetic" or "replay".</summary>
    string Mode { get; }

    /// <summary>Items the events refer to, which the harness makes sure the catalog holds before the run.</summary>
    IReadOnlyList<LoadItem> Items { get; }

    /// <summary>
    /// True when one user's events must reach the target in source order (replay): the runner then sends a batch
    /// only after every earlier batch with one of its users has completed.
    /// </summary>
    bool KeepsUserOrder { get; }

    /// <summary>Total events, or null for an endless source.</summary>
    long? EventCount { get; }

    /// <summary>
    /// The next request's events, or false when the source is exhausted. <paramref name="due"/> is the send time
    /// relative to the start of the run when the source has its own clock (replay with a speed-up), else null
    /// (the runner's constant rate, or as soon as a caller is free).
    /// </summary>
    bool TryNext(Random random, out LoadEvent[] batch, out TimeSpan? due);
}
