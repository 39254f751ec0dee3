namespace Seed.Core.Tests;

/// <summary>Where the tests find the models and data the repository ships.</summary>
internal static class TestPaths
{
    /// <summary>The shipped potion-base-4M-int8 encoder folder.</summary>
    public static string ModelDirectory => RepositoryPaths.Resolve(ShippedPaths.Encoder);

    /// <summary>The shipped MovieLens latest-small folder.</summary>
    public static string MovieLens => RepositoryPaths.Resolve(ShippedPaths.MovieLens);
}
