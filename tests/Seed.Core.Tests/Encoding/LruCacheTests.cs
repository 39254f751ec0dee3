using Seed.Encoders;

namespace Seed.Core.Tests.Encoding;

public sealed class LruCacheTests
{
    [Fact]
    public void Evicts_the_least_recently_used_entry()
    {
        var cache = new LruCache<string, int>(capacity: 2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        Assert.True(cache.TryGet("a", out _)); // "b" is now the least recently used

        cache.Set("c", 3);

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out int a));
        Assert.True(cache.TryGet("c", out int c));
        Assert.Equal((1, 3), (a, c));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Replacing_a_value_refreshes_it()
    {
        var cache = new LruCache<string, int>(capacity: 2);
        cache.Set("a", 1);
        cache.Set("b", 2);

        cache.Set("a", 10);
        cache.Set("c", 3);

        Assert.True(cache.TryGet("a", out int a));
        Assert.Equal(10, a);
        Assert.False(cache.TryGet("b", out _));
    }

    [Fact]
    public void Remove_and_clear_empty_the_cache()
    {
        var cache = new LruCache<int, int>(capacity: 3);
        cache.Set(1, 1);
        cache.Set(2, 2);

        Assert.True(cache.Remove(1));
        Assert.False(cache.Remove(1));
        Assert.Equal(1, cache.Count);
        cache.Clear();
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(2, out _));
    }

    [Fact]
    public void Stays_bounded_and_consistent_under_concurrent_use()
    {
        var cache = new LruCache<int, int>(capacity: 100);

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            cache.Set(i % 500, i % 500);
            if (cache.TryGet((i * 7) % 500, out int value))
            {
                Assert.Equal((i * 7) % 500, value);
            }
        });

        Assert.Equal(100, cache.Count);
    }

    [Fact]
    public void A_capacity_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LruCache<int, int>(0));
    }
}
