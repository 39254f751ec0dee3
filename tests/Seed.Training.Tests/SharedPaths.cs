using Seed.Core;

namespace Seed.Training.Tests;

/// <summary>The read-only shared folder: <c>SEED_SHARED_ROOT</c> when set, else <c>../shared</c> from the repository root.</summary>
internal static class SharedPaths
{
    public static string Root => RepositoryPaths.SharedRoot();

    public static string MovieLens => Path.Combine(Root, "data", "ml-latest-small");

    public static string AmazonReviews => Path.Combine(Root, "data", "amazon-musical-instruments-5core");

    public static string Encoder => Path.Combine(Root, "models", "potion-base-4M-int8");
}
