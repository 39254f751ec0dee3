namespace Seed.Core.Tests;

/// <summary>Where the tests find the read-only shared material (models, data).</summary>
internal static class TestPaths
{
    /// <summary><c>SEED_SHARED_ROOT</c> when set (CI or a different checkout layout), else <c>../shared</c> from the repository root.</summary>
    public static string SharedRoot => RepositoryPaths.SharedRoot();

    /// <summary>The potion-base-4M-int8 model folder.</summary>
    public static string ModelDirectory => Path.Combine(SharedRoot, "models", "potion-base-4M-int8");
}
