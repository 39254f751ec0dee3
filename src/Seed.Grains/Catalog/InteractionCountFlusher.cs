using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// Writes a shard's changed live counts (items' interaction counts, co-like counts) to its store in batches of
/// <see cref="ICatalogShardStore.CountsPerSave"/>. Each batch is taken from the index, and so counted as saved, before
/// its write, and given back if the write fails; between batches the flush yields. A shard whose flush may interleave
/// with its other calls therefore answers them while a large backlog is written: after 30 s at 18,000 events/s each
/// shard held 340,000–510,000 changed co-like pairs, and writing them in one turn held every list and report waiting
/// on that shard for 0.5–0.9 s.
/// </summary>
/// <remarks>
/// A flush writes as many counts as were pending when it began (for co-likes exactly those, taken oldest first), so
/// under traffic that changes counts faster than the store writes them each flush still ends; a count that changes
/// while a flush runs is listed again by the index and goes with the next flush, so nothing is lost to the
/// interleaving. Flushes run one at a time (the timer's and the deactivation's): a second waits for the first, then
/// writes what is pending by then.
/// </remarks>
public sealed class InteractionCountFlusher(CatalogShardIndex index, ICatalogShardStore store)
{
    private Task _running = Task.CompletedTask;

    /// <summary>Batches written so far: with the counts, how a backlog was split.</summary>
    public long SavesMade { get; private set; }

    /// <summary>
    /// Writes the counts pending when it begins (after any flush already running). Throws the store's failure after
    /// giving the failed batch back; the batches written before it stay written.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        _running = FlushAfterAsync(_running, cancellationToken);
        return _running;
    }

    private async Task FlushAfterAsync(Task previous, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        var batch = Math.Max(1, store.CountsPerSave);
        await SaveInBatchesAsync(() => index.UnsavedCoLikeCount, index.TakeUnsavedCoLikes, store.SaveCoLikesAsync, index.MarkCoLikesUnsaved, batch, cancellationToken);
        await SaveInBatchesAsync(() => index.UnsavedCountItems, index.TakeItemsWithUnsavedCounts, store.SaveInteractionsAsync, index.MarkCountsUnsaved, batch, cancellationToken);
    }

    private async Task SaveInBatchesAsync<T>(
        Func<int> pending,
        Func<int, IReadOnlyList<T>> take,
        Func<IReadOnlyList<T>, CancellationToken, Task> save,
        Action<IReadOnlyList<T>> giveBack,
        int batch,
        CancellationToken cancellationToken)
    {
        // Bounded by what is pending now, not by an empty backlog: changes that keep coming would keep a flush (and a
        // deactivation waiting on it) going for as long as they do.
        for (var left = pending(); left > 0 && pending() > 0;)
        {
            var taken = take(Math.Min(batch, left));
            left -= taken.Count;
            try
            {
                await save(taken, cancellationToken);
            }
            catch
            {
                giveBack(taken);
                throw;
            }

            SavesMade++;
            await Task.Yield();
        }
    }
}
