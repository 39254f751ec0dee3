using System.Numerics.Tensors;
using Seed.Core.Numerics;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

/// <summary>Seeded rows, biases and exclusions the selector tests share.</summary>
internal static class RankingTestData
{
    /// <summary>A popularity-prior bias (a third of the rows never liked) and a tenth of the rows excluded.</summary>
    public static (float[] Bias, RowBitSet Excluded) BiasAndExclusions(Random random, int rowCount)
    {
        var prior = new PopularityPrior(0.067f, rowCount);
        var excluded = new RowBitSet(rowCount);
        for (var i = 0; i < rowCount; i++)
        {
            prior.Set(i, random.Next(3) == 0 ? 0 : random.Next(500));
            if (random.Next(10) == 0)
            {
                excluded.Add(i);
            }
        }

        return (prior.Bias.ToArray(), excluded);
    }

    /// <summary><paramref name="centre"/> plus uniform noise of up to <paramref name="noise"/> per value, unit length.</summary>
    public static float[] Perturbed(float[] centre, Random random, float noise)
    {
        var vector = TestVectors.Uniform(random, centre.Length, noise);
        TensorPrimitives.Add(vector, centre, vector);
        VectorOps.NormalizeInPlace(vector);
        return vector;
    }
}
