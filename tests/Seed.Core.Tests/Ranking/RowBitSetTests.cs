using Seed.Core.Ranking;

namespace Seed.Core.Tests.Ranking;

public sealed class RowBitSetTests
{
    [Fact]
    public void AddContainsAndGrowth()
    {
        var set = new RowBitSet(10);

        set.Add(3);
        set.Add(200);

        Assert.True(set.Contains(3));
        Assert.True(set.Contains(200));
        Assert.False(set.Contains(4));
        Assert.False(set.Contains(-1));
        Assert.False(set.Contains(5000));
        Assert.Equal(201, set.Length);
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void UnionWithComplementOf_ExcludesEverythingOutsideTheAllowList()
    {
        var allowed = new RowBitSet(70);
        allowed.Add(1);
        allowed.Add(64);
        var excluded = new RowBitSet(0);
        excluded.Add(100);

        excluded.UnionWithComplementOf(allowed, 130);

        for (int row = 0; row < 140; row++)
        {
            bool expected = row < 130 ? row is not 1 and not 64 : false;
            Assert.Equal(expected || row == 100, excluded.Contains(row));
        }

        Assert.Equal(130, excluded.Length);
        Assert.Equal(128, excluded.Count);
    }

    [Fact]
    public void UnionWithCloneAndClear()
    {
        var a = new RowBitSet(5);
        a.Add(1);
        var b = new RowBitSet(100);
        b.Add(99);

        a.UnionWith(b);
        RowBitSet copy = a.Clone();
        a.Clear();

        Assert.True(copy.Contains(1));
        Assert.True(copy.Contains(99));
        Assert.Equal(100, copy.Length);
        Assert.Equal(0, a.Count);
        Assert.Equal(100, a.Length);
        copy.Add(2);
        Assert.False(a.Contains(2));
    }

    [Fact]
    public void AppendRowsInOrder_appends_the_rows_in_increasing_order_and_keeps_them()
    {
        var random = new Random(6);
        var rows = Enumerable.Range(0, 400).Select(_ => random.Next(5_000)).ToList();
        var set = new RowBitSet(5_000);
        rows.ForEach(set.Add);
        var moved = new List<int> { -7 };

        set.AppendRowsInOrder(moved);

        Assert.Equal([-7, .. rows.Distinct().Order()], moved);
        Assert.Equal(rows.Distinct().Count(), set.Count);
        Assert.All(rows, row => Assert.True(set.Contains(row)));
    }

    [Fact]
    public void Remove_takes_out_the_given_rows_only_and_ignores_rows_outside_the_set()
    {
        var set = new RowBitSet(200);
        foreach (var row in new[] { 0, 63, 64, 65, 130, 199 })
        {
            set.Add(row);
        }

        set.Remove([63, 65, 199, 500, -1, 7]);

        var left = new List<int>();
        set.AppendRowsInOrder(left);
        Assert.Equal([0, 64, 130], left);
        Assert.Equal(200, set.Length);
        set.Remove([0, 64, 130]);
        Assert.Equal(0, set.Count);
    }
}
