using Seed.Core.Ranking;

namespace Seed.Core.Tests.Ranking;

public sealed class EmbeddingMatrixTests
{
    [Fact]
    public void AddGrowsBeyondInitialCapacityAndKeepsRows()
    {
        var matrix = new EmbeddingMatrix(3, initialCapacity: 1);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i, matrix.Add([i, i + 0.5f, -i]));
        }

        Assert.Equal(100, matrix.Count);
        Assert.Equal(300, matrix.Rows.Length);
        Assert.Equal([42f, 42.5f, -42f], matrix.Row(42).ToArray());
        Assert.Equal(99f, matrix.Rows[297]);
    }

    [Fact]
    public void SetOverwritesAndValidates()
    {
        var matrix = new EmbeddingMatrix(2);
        matrix.Add([1f, 2f]);

        matrix.Set(0, [5f, 6f]);

        Assert.Equal([5f, 6f], matrix.Row(0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Set(1, [1f, 1f]));
        Assert.Throws<ArgumentException>(() => matrix.Add([1f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(-1).ToArray());
    }
}
