using Seed.Abstractions.Catalog;
using Seed.Core.Collaborative;
using Seed.Core.Ranking;

namespace Seed.Core.Tests.Collaborative;

public sealed class CoLikeIndexTests
{
    [Fact]
    public void Increments_count_per_row_and_other_item()
    {
        var index = new CoLikeIndex();
        index.Increment(0, "b");
        index.Increment(0, "b");
        index.Increment(1, "b");
        index.Increment(0, "c");

        Assert.Equal(2, index.CountOf(0, "b"));
        Assert.Equal(1, index.CountOf(1, "b"));
        Assert.Equal(1, index.CountOf(0, "c"));
        Assert.Equal(0, index.CountOf(1, "c"));
        Assert.Equal(0, index.CountOf(0, "unknown"));
        Assert.Equal(3, index.PairCount);
    }

    [Fact]
    public void Rows_counted_with_one_item_together_count_as_each_alone_and_are_listed_unsaved_once()
    {
        var together = new CoLikeIndex();
        var alone = new CoLikeIndex();
        together.Increment(2, "x");

        together.Increment([2, 5, 7, 5], "x");
        alone.Increment(2, "x");
        foreach (var row in new[] { 2, 5, 7, 5 })
        {
            alone.Increment(row, "x");
        }

        foreach (var row in new[] { 2, 5, 7, 1 })
        {
            Assert.Equal(alone.CountOf(row, "x"), together.CountOf(row, "x"));
        }

        Assert.Equal([(2, "x", 2), (5, "x", 2), (7, "x", 1)], together.TakeUnsaved(10));
        Assert.Equal(3, together.PairCount);
        together.Increment([], "y");
        Assert.Equal(3, together.PairCount);
    }

    [Fact]
    public void Accumulate_adds_each_weight_times_the_rows_counts()
    {
        var index = new CoLikeIndex();
        index.Increment(0, "x");
        index.Increment(0, "x");
        index.Increment(2, "x");
        index.Increment(2, "y");
        var accumulator = new float[3];

        index.Accumulate([new CoLikeWeight("x", 0.5f), new CoLikeWeight("y", 0.25f), new CoLikeWeight("never-liked", 9f)], accumulator);

        Assert.Equal([1.0f, 0f, 0.75f], accumulator);
    }

    [Fact]
    public void Accumulate_marks_each_row_it_touches_and_leaves_the_others_alone()
    {
        var index = new CoLikeIndex();
        index.Increment(3, "x");
        index.Increment(3, "y");
        index.Increment(1, "y");
        var accumulator = new float[5];
        var touched = new RowBitSet(5);

        index.Accumulate([new CoLikeWeight("x", 1f), new CoLikeWeight("y", 2f)], accumulator, touched);

        var inRowOrder = new List<int>();
        touched.AppendRowsInOrder(inRowOrder);
        Assert.Equal([1, 3], inRowOrder);
        Assert.Equal([0f, 2f, 0f, 3f, 0f], accumulator);
    }

    [Fact]
    public void A_least_contribution_leaves_out_the_pairs_weighing_less_neither_adding_nor_marking_their_rows()
    {
        var index = new CoLikeIndex();
        index.Increment(0, "x");
        index.Increment(1, "x");
        index.Increment(1, "x");
        index.Increment(2, "y");
        index.Increment(3, "x");
        index.Increment(3, "y");
        var accumulator = new float[4];
        var touched = new RowBitSet(4);

        // x weighs 0.25 a like: row 0's single pair (0.25) is below 0.5, row 1's two (0.5) reach it; y's 1.0 does.
        index.Accumulate([new CoLikeWeight("x", 0.25f), new CoLikeWeight("y", 1f)], accumulator, touched, minContribution: 0.5f);

        var inRowOrder = new List<int>();
        touched.AppendRowsInOrder(inRowOrder);
        Assert.Equal([1, 2, 3], inRowOrder);
        Assert.Equal([0f, 0.5f, 1f, 1f], accumulator);
    }

    [Fact]
    public void A_least_contribution_of_zero_sums_every_pair_and_a_negative_or_NaN_one_is_refused()
    {
        var index = new CoLikeIndex();
        index.Increment(0, "x");
        index.Increment(2, "x");
        index.Increment(2, "x");
        var withoutFloor = new float[3];
        var withZeroFloor = new float[3];

        index.Accumulate([new CoLikeWeight("x", 1e-9f)], withoutFloor);
        index.Accumulate([new CoLikeWeight("x", 1e-9f)], withZeroFloor, touchedRows: null, minContribution: 0f);

        Assert.Equal(withoutFloor, withZeroFloor);
        Assert.Equal([1e-9f, 0f, 2e-9f], withZeroFloor);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Accumulate([], withZeroFloor, null, -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Accumulate([], withZeroFloor, null, float.NaN));
    }

    [Fact]
    public void Taking_unsaved_counts_lists_changed_counts_with_current_values_once_until_they_change_again()
    {
        var index = new CoLikeIndex();
        index.Set(0, "stored", 4);
        index.Increment(1, "b");
        index.Increment(1, "b");

        Assert.Equal(1, index.UnsavedCount);
        Assert.Equal([(1, "b", 2)], index.TakeUnsaved(10));
        Assert.Equal(0, index.UnsavedCount);
        Assert.Empty(index.TakeUnsaved(10));

        index.Increment(0, "stored");
        Assert.Equal([(0, "stored", 5)], index.TakeUnsaved(10));
    }

    [Fact]
    public void Set_rejects_a_count_that_is_not_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoLikeIndex().Set(0, "b", 0));

    [Fact]
    public void Unsaved_counts_are_taken_in_batches_each_pair_once_with_its_count_and_again_after_a_new_change()
    {
        var index = new CoLikeIndex();
        index.Set(2, "loaded", 7);
        index.Increment(0, "b");
        index.Increment(0, "b");
        index.Increment(1, "b");
        index.Increment(3, "c");

        var first = index.TakeUnsaved(2);
        // A pair changed after it was taken is listed again, with the count it has when taken next.
        index.Increment(first[0].Row, first[0].OtherItemId);
        var second = index.TakeUnsaved(2);

        Assert.Equal(2, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Equal(0, index.UnsavedCount);
        var changedAgain = (first[0].Row, first[0].OtherItemId, first[0].Count + 1);
        Assert.Equal(
            new[] { (0, "b", 2), (1, "b", 1), (3, "c", 1), changedAgain }.OrderBy(pair => pair),
            first.Concat(second).OrderBy(pair => pair));
    }

    [Fact]
    public void Unsaved_counts_are_taken_oldest_change_first_and_a_pair_changed_again_after_it_is_taken_goes_last()
    {
        var index = new CoLikeIndex();
        for (var row = 0; row < 6; row++)
        {
            index.Increment(row, "b");
        }

        var first = index.TakeUnsaved(4);
        index.Increment(0, "b");
        index.Increment(9, "c");

        Assert.Equal([0, 1, 2, 3], first.Select(pair => pair.Row));
        Assert.Equal([(4, "b", 1), (5, "b", 1), (0, "b", 2), (9, "c", 1)], index.TakeUnsaved(10));
        Assert.Equal(0, index.UnsavedCount);
    }

    [Fact]
    public void A_taken_count_marked_unsaved_is_taken_again_with_its_current_count_and_only_once()
    {
        var index = new CoLikeIndex();
        index.Increment(0, "b");
        var taken = Assert.Single(index.TakeUnsaved(10));

        // Its write failed: given back twice (a retry path may repeat itself), and counted once more meanwhile.
        index.MarkUnsaved(taken.Row, taken.OtherItemId);
        index.MarkUnsaved(taken.Row, taken.OtherItemId);
        index.Increment(0, "b");
        // Pairs the index does not hold are ignored.
        index.MarkUnsaved(5, "b");
        index.MarkUnsaved(0, "never-liked");

        Assert.Equal([(0, "b", 2)], index.TakeUnsaved(10));
    }

    [Fact]
    public void The_index_bytes_grow_with_new_pairs_and_buckets_not_with_repeated_counts()
    {
        var index = new CoLikeIndex();
        Assert.Equal(0, index.AllocatedBytes);
        for (var row = 0; row < CoLikeRowCounts.SlotsPerBucket; row++)
        {
            index.Increment(row, "x");
        }

        var oneFullBucket = index.AllocatedBytes;
        for (var repeat = 0; repeat < 10; repeat++)
        {
            index.Increment([0, 1, 2, 3, 4, 5, 6], "x");
        }

        Assert.Equal(oneFullBucket, index.AllocatedBytes);

        // The eighth row doubles the map to two buckets; the unsaved list already has room for an eighth pair.
        index.Increment(CoLikeRowCounts.SlotsPerBucket, "x");
        Assert.Equal(oneFullBucket + CoLikeRowCounts.BucketBytes, index.AllocatedBytes);

        var beforeNewItem = index.AllocatedBytes;
        index.Set(0, "y", 3);
        Assert.True(index.AllocatedBytes >= beforeNewItem + CoLikeRowCounts.MapOverheadBytes + CoLikeRowCounts.BucketBytes);
    }

    [Fact]
    public void A_count_at_the_largest_value_stays_there()
    {
        var index = new CoLikeIndex();
        index.Set(1, "x", CoLikeIndex.MaxCount);
        index.Increment(1, "x");
        Assert.Equal(CoLikeIndex.MaxCount, index.CountOf(1, "x"));
        Assert.Equal([(1, "x", CoLikeIndex.MaxCount)], index.TakeUnsaved(10));
    }
}
