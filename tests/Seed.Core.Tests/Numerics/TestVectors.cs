using Seed.Core.Numerics;

namespace Seed.Core.Tests.Numerics;

/// <summary>Deterministic random data for the maths tests (seeded so failures reproduce).</summary>
internal static class TestVectors
{
    public static float[] Uniform(Random random, int length, float scale = 1f)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2.0) - 1.0) * scale;
        }

        return values;
    }

    public static float[] UnitVector(Random random, int length)
    {
        float[] vector = Uniform(random, length);
        VectorOps.NormalizeInPlace(vector);
        return vector;
    }

    public static float[] Basis(int length, int axis)
    {
        var vector = new float[length];
        vector[axis] = 1f;
        return vector;
    }

    public static float MaxAbsDifference(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            max = Math.Max(max, Math.Abs(actual[i] - expected[i]));
        }

        return (float)max;
    }
}
