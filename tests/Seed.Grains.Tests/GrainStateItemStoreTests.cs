using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;
using Seed.Storage;

namespace Seed.Grains.Tests;

/// <summary>
/// The embedded catalog store (<see cref="GrainStateItemStore"/> and the shard store it opens) over in-memory fakes
/// of Orleans' persistent state: no silo, the two states are plain objects whose writes can be made to fail.
/// </summary>
public sealed class GrainStateItemStoreTests
{
    [Fact]
    public async Task Load_takes_the_larger_of_the_flushed_count_and_the_count_stored_with_the_item()
    {
        var states = new FakeStateFactory();
        var store = new GrainStateItemStore(states).Open(null!);
        states.Items.State.Items = [Stored("a", 5), Stored("b", 2), Stored("c", 1)];
        states.Interactions.State.Counts["a"] = 3; // flushed before the upsert that stored 5
        states.Interactions.State.Counts["b"] = 7;

        var loaded = await store.LoadAsync();

        Assert.Equal(["a", "b", "c"], loaded.Select(stored => stored.Item.Id));
        Assert.Equal([5d, 7d, 1d], loaded.Select(stored => stored.Interactions));
    }

    [Fact]
    public async Task An_upsert_writes_the_whole_shard_and_a_failed_write_keeps_the_state_as_it_was()
    {
        var states = new FakeStateFactory();
        var store = new GrainStateItemStore(states).Open(null!);
        await store.UpsertAsync(new ShardUpsert([Stored("a", 0)], () => [Stored("a", 0)]));
        Assert.Equal(["a"], states.Items.State.Items.Select(stored => stored.Item.Id));
        Assert.Equal(1, states.Items.Writes);

        states.Items.FailWrites = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpsertAsync(new ShardUpsert([Stored("b", 0)], () => [Stored("a", 0), Stored("b", 0)])));

        Assert.Equal(["a"], states.Items.State.Items.Select(stored => stored.Item.Id));
    }

    [Fact]
    public async Task Saved_interaction_counts_go_to_the_small_state_only()
    {
        var states = new FakeStateFactory();
        var store = new GrainStateItemStore(states).Open(null!);

        await store.SaveInteractionsAsync([Stored("a", 4), Stored("b", 1)]);
        await store.SaveInteractionsAsync([Stored("a", 6)]);

        Assert.Equal(new Dictionary<string, double> { ["a"] = 6, ["b"] = 1 }, states.Interactions.State.Counts);
        Assert.Equal(2, states.Interactions.Writes);
        Assert.Equal(0, states.Items.Writes);
    }

    private static StoredItem Stored(string id, double interactions) => new()
    {
        Item = new CatalogItem { Id = id, Title = id },
        Embedding = [1f, 0f],
        Interactions = interactions,
    };

    /// <summary>Hands out the two states the shard store asks for, by state name.</summary>
    private sealed class FakeStateFactory : IPersistentStateFactory
    {
        public FakeState<CatalogShardState> Items { get; } = new();

        public FakeState<CatalogInteractionState> Interactions { get; } = new();

        public IPersistentState<TState> Create<TState>(IGrainContext context, IPersistentStateConfiguration config) => config.StateName switch
        {
            "catalog" => (IPersistentState<TState>)(object)Items,
            "interactions" => (IPersistentState<TState>)(object)Interactions,
            _ => throw new ArgumentException($"unexpected state {config.StateName}", nameof(config)),
        };
    }

    private sealed class FakeState<TState> : IPersistentState<TState>
        where TState : new()
    {
        public TState State { get; set; } = new();

        public string? Etag => null;

        public bool RecordExists => Writes > 0;

        public int Writes { get; private set; }

        public bool FailWrites { get; set; }

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync() => Task.CompletedTask;

        public Task WriteStateAsync()
        {
            if (FailWrites)
            {
                throw new InvalidOperationException("storage down");
            }

            Writes++;
            return Task.CompletedTask;
        }
    }
}
