using Seed.Core;

namespace Seed.Evaluation.Tests;

/// <summary>The read-only shared folder: <c>SEED_SHARED_ROOT</c> when set, else <c>../shared</c> from the repository root.</summary>
internal static class SharedPaths
{
    public static string Root => RepositoryPaths.SharedRoot();
}
