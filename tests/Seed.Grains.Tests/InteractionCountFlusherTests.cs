using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;
using Seed.Storage;

namespace Seed.Grains.Tests;

/// <summary>
/// A shard's flush of its live counts (<see cref="InteractionCountFlusher"/>): in batches of the store's size, every
/// changed count written once with its current value, a failed batch kept for the next flush, counts changed during
/// a write not lost, and one flush at a time.
/// </summary>
public sealed class InteractionCountFlusherTests
{
    private static readonly string[] Rows = ["a", "b", "c", "d", "e"];

    [Fact]
    public async Task A_backlog_is_written_in_batches_of_the_stores_size_with_every_count_once_at_its_current_value()
    {
        var index = IndexWithCounts(out var expected);
        var store = new RecordingStore(countsPerSave: 4);

        await new InteractionCountFlusher(index, store).FlushAsync(CancellationToken.None);

        Assert.Equal(expected.Count, store.CoLikeSaves.Sum(save => save.Count));
        Assert.All(store.CoLikeSaves, save => Assert.InRange(save.Count, 1, 4));
        Assert.Equal((expected.Count + 3) / 4, store.CoLikeSaves.Count);
        Assert.Equal(expected, store.CoLikes);
        Assert.Equal(Rows.ToDictionary(id => id, _ => 1.0), store.Interactions);
        Assert.Equal(2, store.InteractionSaves.Count); // 5 liked items in batches of 4
        Assert.Equal(0, index.UnsavedCoLikeCount);
        Assert.Equal(0, index.UnsavedCountItems);
    }

    [Fact]
    public async Task A_failed_write_keeps_its_batch_for_the_next_flush_and_the_batches_before_it_stay_written()
    {
        var index = IndexWithCounts(out var expected);
        var store = new RecordingStore(countsPerSave: 4) { FailOnCoLikeSave = 2 };
        var flusher = new InteractionCountFlusher(index, store);

        await Assert.ThrowsAsync<InvalidOperationException>(() => flusher.FlushAsync(CancellationToken.None));
        Assert.Equal(4, store.CoLikes.Count);
        Assert.Equal(expected.Count - 4, index.UnsavedCoLikeCount);

        store.FailOnCoLikeSave = 0;
        await flusher.FlushAsync(CancellationToken.None);

        Assert.Equal(expected, store.CoLikes);
        Assert.Equal(0, index.UnsavedCoLikeCount);
    }

    [Fact]
    public async Task A_count_changed_while_its_batch_is_written_goes_with_the_next_flush_at_its_new_value()
    {
        var index = IndexWithCounts(out var expected);
        var store = new RecordingStore(countsPerSave: 4);
        // Another call interleaving with the first write: a user likes "a" with "x" (the oldest change) once more.
        store.DuringFirstCoLikeSave = () => index.Report(new InteractionReport { LikedItemIds = [], CoLikes = [new("a", ["x"])] });
        var flusher = new InteractionCountFlusher(index, store);

        await flusher.FlushAsync(CancellationToken.None);

        Assert.Equal(expected, store.CoLikes);
        Assert.Equal(1, index.UnsavedCoLikeCount);

        await flusher.FlushAsync(CancellationToken.None);

        expected[("a", "x")]++;
        Assert.Equal(expected, store.CoLikes);
        Assert.Equal(0, index.UnsavedCoLikeCount);
    }

    [Fact]
    public async Task A_flush_ends_with_the_counts_pending_when_it_began_while_new_changes_keep_coming()
    {
        var index = IndexWithCounts(out var expected);
        var store = new RecordingStore(countsPerSave: 2);
        var added = 0;
        // Every write brings two new pairs, more than a batch's worth of changes per batch written, for far longer than
        // the backlog lasts (bounded so that a flush that keeps going fails the test rather than hanging it).
        store.DuringEveryCoLikeSave = () =>
        {
            if (added < 1_000)
            {
                added++;
                index.Report(new InteractionReport { LikedItemIds = [], CoLikes = [new("b", [$"new-{added}"]), new("c", [$"new-{added}"])] });
            }
        };

        await new InteractionCountFlusher(index, store).FlushAsync(CancellationToken.None);

        Assert.Equal((expected.Count + 1) / 2, store.CoLikeSaves.Count);
        Assert.Equal(expected, store.CoLikes);
        Assert.Equal(2 * added, index.UnsavedCoLikeCount);
    }

    [Fact]
    public async Task A_flush_asked_for_while_one_runs_waits_for_it_and_writes_what_is_left()
    {
        var index = IndexWithCounts(out var expected);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new RecordingStore(countsPerSave: 4) { Gate = release.Task };
        var flusher = new InteractionCountFlusher(index, store);

        var first = flusher.FlushAsync(CancellationToken.None);
        var second = flusher.FlushAsync(CancellationToken.None);
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(1, store.MostSavesAtOnce);
        Assert.Equal(expected, store.CoLikes);
    }

    [Fact]
    public async Task A_store_that_rewrites_a_whole_document_gets_one_save_per_kind()
    {
        var index = IndexWithCounts(out var expected);
        var store = new RecordingStore(countsPerSave: int.MaxValue);

        await new InteractionCountFlusher(index, store).FlushAsync(CancellationToken.None);

        Assert.Equal(expected.Count, Assert.Single(store.CoLikeSaves).Count);
        Assert.Single(store.InteractionSaves);
    }

    /// <summary>Five items each liked once, and co-likes of each with several others, some counted more than once.</summary>
    private static CatalogShardIndex IndexWithCounts(out Dictionary<(string, string), int> expected)
    {
        var index = new CatalogShardIndex(CoLikeModel.Tracker(), new CatalogOptions());
        index.Apply(index.PlanUpsert([.. Rows.Select((id, axis) => new EmbeddedItem { Item = new CatalogItem { Id = id, Title = id }, Embedding = CoLikeModel.Axis(axis) })]));
        expected = [];
        var pairs = new List<CoLikeRun>();
        foreach (var (id, row) in Rows.Select((id, row) => (id, row)))
        {
            foreach (var other in new[] { "x", "y", "z" }.Take(row % 3 + 1))
            {
                for (var times = 0; times <= row % 2; times++)
                {
                    pairs.Add(new CoLikeRun(id, [other]));
                    expected[(id, other)] = expected.GetValueOrDefault((id, other)) + 1;
                }
            }
        }

        index.Report(new InteractionReport { LikedItemIds = Rows, CoLikes = pairs });
        return index;
    }

    private sealed class RecordingStore(int countsPerSave) : ICatalogShardStore
    {
        private int _savesNow;
        private int _coLikeSaves;

        public int CountsPerSave => countsPerSave;

        public List<IReadOnlyList<StoredCoLike>> CoLikeSaves { get; } = [];

        public List<IReadOnlyList<StoredItem>> InteractionSaves { get; } = [];

        public Dictionary<(string, string), int> CoLikes { get; } = [];

        public Dictionary<string, double> Interactions { get; } = [];

        /// <summary>The 1-based co-like save that throws (0: none).</summary>
        public int FailOnCoLikeSave { get; set; }

        public Action? DuringFirstCoLikeSave { get; set; }

        public Action? DuringEveryCoLikeSave { get; set; }

        /// <summary>Every save waits for this first (a write in flight).</summary>
        public Task Gate { get; init; } = Task.CompletedTask;

        public int MostSavesAtOnce { get; private set; }

        public async Task SaveCoLikesAsync(IReadOnlyList<StoredCoLike> counts, CancellationToken cancellationToken = default)
        {
            await EnterAsync();
            try
            {
                if (++_coLikeSaves == FailOnCoLikeSave)
                {
                    throw new InvalidOperationException("The store is down.");
                }

                if (_coLikeSaves == 1)
                {
                    DuringFirstCoLikeSave?.Invoke();
                }

                DuringEveryCoLikeSave?.Invoke();

                CoLikeSaves.Add(counts);
                foreach (var count in counts)
                {
                    CoLikes[(count.ItemId, count.OtherItemId)] = count.Count;
                }
            }
            finally
            {
                _savesNow--;
            }
        }

        public async Task SaveInteractionsAsync(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default)
        {
            await EnterAsync();
            InteractionSaves.Add(items);
            foreach (var stored in items)
            {
                Interactions[stored.Item.Id] = stored.Interactions;
            }

            _savesNow--;
        }

        public Task<IReadOnlyList<StoredItem>> LoadAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UpsertAsync(ShardUpsert upsert, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredCoLike>> LoadCoLikesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private async Task EnterAsync()
        {
            MostSavesAtOnce = Math.Max(MostSavesAtOnce, ++_savesNow);
            await Gate;
        }
    }
}
