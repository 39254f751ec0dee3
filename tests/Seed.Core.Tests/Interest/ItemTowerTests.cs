using Seed.Core.Interest;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Interest;

public sealed class ItemTowerTests
{
    [Fact]
    public void Identity_NormalisesAndKeepsZeroAsZero()
    {
        ItemTower tower = ItemTower.Identity(3);
        var output = new float[3];

        tower.Project([0f, 3f, 4f], output);
        Assert.Equal([0f, 0.6f, 0.8f], output);
        Assert.True(tower.IsIdentity);

        tower.Project(new float[3], output);
        Assert.All(output, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Learned_ProjectsNormalisesAndAllowsInPlace()
    {
        // [out=2, in=3]
        var tower = new ItemTower(3, 2, [1f, 0f, 0f, 0f, 2f, 0f], [0f, 1f]);
        var output = new float[2];

        tower.Project([3f, 1.5f, 9f], output);

        Assert.Equal(0.6f, output[0], 1e-6f);
        Assert.Equal(0.8f, output[1], 1e-6f);
        Assert.False(tower.IsIdentity);

        var square = new ItemTower(2, 2, [0f, 1f, 1f, 0f], [0f, 0f]);
        float[] inPlace = [0.6f, 0.8f];
        square.Project(inPlace, inPlace);
        Assert.Equal([0.8f, 0.6f], inPlace);
    }

    [Fact]
    public void Learned_ZeroEmbeddingGivesZeroNotTheBiasDirection()
    {
        var tower = new ItemTower(4, 4, TestVectors.Uniform(new Random(3), 16), [1f, 1f, 1f, 1f]);
        var output = new float[4];

        tower.Project(new float[4], output);

        Assert.All(output, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Constructor_RejectsWrongSizes()
    {
        Assert.Throws<ArgumentException>(() => new ItemTower(3, 2, new float[5], new float[2]));
        Assert.Throws<ArgumentException>(() => new ItemTower(3, 2, new float[6], new float[3]));
    }
}
