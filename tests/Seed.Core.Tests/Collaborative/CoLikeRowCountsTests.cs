using System.Runtime.CompilerServices;
using Seed.Core.Collaborative;

namespace Seed.Core.Tests.Collaborative;

public sealed class CoLikeRowCountsTests
{
    [Fact]
    public void Every_row_added_is_found_with_its_count_after_the_table_grows()
    {
        var counts = new CoLikeRowCounts();
        // Consecutive rows, far apart rows and multiples of the table sizes: every kind of collision the hash can see.
        int[] rows = [.. Enumerable.Range(0, 3_000), .. Enumerable.Range(1, 500).Select(i => i * 4_096), 1_000_000_007, int.MaxValue - 1];
        foreach (var row in rows)
        {
            ref var slot = ref counts.GetOrAdd(row, out var existed);
            Assert.False(existed);
            slot.Count = (row % 97) + 1;
        }

        Assert.Equal(rows.Length, counts.Count);
        foreach (var row in rows)
        {
            ref var slot = ref counts.GetOrAdd(row, out var existed);
            Assert.True(existed);
            Assert.Equal((row % 97) + 1, slot.Count);
            Assert.Equal(row, counts.Find(row).Row);
        }

        Assert.Equal(rows.Length, counts.Count);
    }

    [Fact]
    public void Absent_rows_are_not_found_and_slots_list_each_row_once()
    {
        var counts = new CoLikeRowCounts();
        Assert.True(Unsafe.IsNullRef(ref counts.Find(0)));
        for (var row = 0; row < 100; row += 2)
        {
            counts.GetOrAdd(row, out _).Count = 1;
        }

        for (var row = 1; row < 100; row += 2)
        {
            Assert.True(Unsafe.IsNullRef(ref counts.Find(row)));
        }

        var listed = new List<int>();
        foreach (ref readonly var bucket in counts.Buckets)
        {
            for (var i = 0; i < bucket.Fill; i++)
            {
                listed.Add(bucket.Slots[i].Row);
            }
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 2), listed.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.GetOrAdd(-1, out _));
    }

    [Fact]
    public void The_unsaved_flag_and_the_count_do_not_disturb_each_other()
    {
        var counts = new CoLikeRowCounts();
        ref var slot = ref counts.GetOrAdd(3, out _);
        slot.Count = CoLikeIndex.MaxCount;
        Assert.False(slot.Unsaved);
        slot.Unsaved = true;
        Assert.Equal(CoLikeIndex.MaxCount, slot.Count);
        slot.Count = 5;
        Assert.True(slot.Unsaved);
        slot.Unsaved = false;
        Assert.Equal(5, slot.Count);
        Assert.Equal(3, slot.Row);
    }
}
