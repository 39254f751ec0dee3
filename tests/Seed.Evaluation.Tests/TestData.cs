using Seed.Core;

namespace Seed.Evaluation.Tests;

/// <summary>The models and data the repository ships, resolved from its root.</summary>
internal static class TestData
{
    public static string Encoder => RepositoryPaths.Resolve(ShippedPaths.Encoder);

    public static string MovieLens => RepositoryPaths.Resolve(ShippedPaths.MovieLens);
}
