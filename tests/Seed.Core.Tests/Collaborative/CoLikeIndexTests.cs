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
    public void Unsaved_lists_changed_counts_with_current_values_until_marked_saved()
    {
        var index = new CoLikeIndex();
        index.Set(0, "stored", 4);
        index.Increment(1, "b");
        index.Increment(1, "b");

        Assert.Equal([(1, "b", 2)], index.Unsaved());
        index.MarkSaved();
        Assert.Empty(index.Unsaved());

        index.Increment(0, "stored");
        Assert.Equal([(0, "stored", 5)], index.Unsaved());
    }

    [Fact]
    public void Set_rejects_a_count_that_is_not_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoLikeIndex().Set(0, "b", 0));

    [Fact]
    public void Unsaved_lists_each_changed_pair_once_with_its_count_until_saved_and_again_after_a_new_change()
    {
        var index = new CoLikeIndex();
        index.Set(2, "loaded", 7);
        index.Increment(0, "b");
        index.Increment(0, "b");
        index.Increment(1, "b");

        var first = index.Unsaved();
        index.MarkSaved();
        var afterSave = index.Unsaved();
        index.Increment(0, "b");
        index.Increment(2, "loaded");

        Assert.Equal([(0, "b", 2), (1, "b", 1)], first);
        Assert.Empty(afterSave);
        Assert.Equal([(0, "b", 3), (2, "loaded", 8)], index.Unsaved());
    }
}
