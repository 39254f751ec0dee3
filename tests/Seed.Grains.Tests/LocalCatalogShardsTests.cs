using Seed.Grains.Catalog;
using static Seed.Grains.Tests.ShardItems;

namespace Seed.Grains.Tests;

/// <summary>
/// <see cref="LocalCatalogShards"/>: user grains read item embeddings from the shards active on their silo, and such a
/// read runs on another thread than the shard's upserts.
/// </summary>
public sealed class LocalCatalogShardsTests
{
    [Fact]
    public void A_registered_shard_answers_lookups_and_an_unknown_shard_does_not()
    {
        var shards = new LocalCatalogShards();
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9), categories: ["Books"]));

        shards.Register(2, index);

        var found = Assert.Single(shards.TryLookup(2, ["a"])!);
        Assert.True(found.Found);
        Assert.Equal(Toward(0.9), found.Embedding);
        Assert.Equal(["Books"], found.Categories);
        Assert.False(Assert.Single(shards.TryLookup(2, ["missing"])!).Found);
        Assert.Null(shards.TryLookup(3, ["a"]));
    }

    [Fact]
    public void Ids_of_one_local_shard_are_looked_up_in_place_and_any_other_set_is_left_to_the_shards()
    {
        const int ShardCount = 4;
        var shards = new LocalCatalogShards();
        var index = NewIndex();
        string[] ids = [.. Enumerable.Range(0, 40).Select(n => $"item-{n}")];
        var inShard = ids.Where(id => CatalogSharding.ShardOf(id, ShardCount) == 1).Take(2).ToList();
        var elsewhere = ids.First(id => CatalogSharding.ShardOf(id, ShardCount) != 1);
        index.Upsert(Item(inShard[0], Toward(0.9)));
        shards.Register(1, index);

        var answered = CatalogSharding.TryLookupLocally(inShard, ShardCount, shards);

        Assert.Equal(inShard, answered!.Select(lookup => lookup.ItemId));
        Assert.Equal([true, false], answered!.Select(lookup => lookup.Found));
        Assert.Null(CatalogSharding.TryLookupLocally([inShard[0], elsewhere], ShardCount, shards));
        Assert.Null(CatalogSharding.TryLookupLocally([elsewhere], ShardCount, shards));
        Assert.Null(CatalogSharding.TryLookupLocally(inShard, ShardCount, localShards: null));
        Assert.Null(CatalogSharding.TryLookupLocally(Array.Empty<string>(), ShardCount, shards));
    }

    [Fact]
    public void Unregistering_an_old_activation_leaves_its_successor_in_place()
    {
        var shards = new LocalCatalogShards();
        var old = NewIndex();
        var successor = NewIndex();
        successor.Upsert(Item("b", Toward(0.2)));
        shards.Register(1, old);
        shards.Register(1, successor);

        shards.Unregister(1, old);

        Assert.True(Assert.Single(shards.TryLookup(1, ["b"])!).Found);
        shards.Unregister(1, successor);
        Assert.Null(shards.TryLookup(1, ["b"]));
        Assert.Equal(0, shards.Count);
    }

    [Fact]
    public async Task Lookups_from_other_threads_during_upserts_see_each_item_whole()
    {
        // The shard's list and map grow (and are re-allocated) while readers look items up; without the index's lock a
        // reader could index a half-resized list or a dictionary mid-rehash.
        var index = NewIndex();
        const int Items = 20_000;
        index.Upsert(Item("i0", Toward(0.5), categories: ["c0"]));
        using var done = new CancellationTokenSource();
        // Dedicated threads, and the writer starts only once both are reading: on a busy two-core runner pool threads
        // could otherwise start after the upserts ended and test nothing.
        using var reading = new CountdownEvent(2);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var checkedLookups = 0;
            try
            {
                do
                {
                    foreach (var lookup in index.Lookup(["i0", "i" + (checkedLookups % Items)]))
                    {
                        if (lookup.Found && (lookup.Embedding.Length != Dimension || lookup.Categories.Count != 1))
                        {
                            throw new InvalidOperationException($"Item {lookup.ItemId} was read half-written.");
                        }
                    }

                    if (checkedLookups++ == 0)
                    {
                        reading.Signal();
                    }
                }
                while (!done.IsCancellationRequested);
            }
            finally
            {
                if (checkedLookups == 0)
                {
                    reading.Signal(); // a reader that failed at once must not leave the writer waiting
                }
            }

            return checkedLookups;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        reading.Wait();
        for (var i = 1; i < Items; i += 100)
        {
            index.Upsert([.. Enumerable.Range(i, Math.Min(100, Items - i)).Select(n => Item("i" + n, Toward((n % 100) / 100.0), categories: ["c" + (n % 7)]))]);
        }

        await done.CancelAsync();
        await Task.WhenAll(readers); // rethrows a reader's InvalidOperationException or a torn-read exception
        Assert.All(index.Lookup(["i0", "i19999"]), lookup => Assert.True(lookup.Found));
    }
}
