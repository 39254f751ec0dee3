using Seed.Core;

namespace Seed.Testing;

/// <summary>
/// The read-only shared folder with the larger data sets and reference files the repository does not ship
/// (<c>SEED_SHARED_ROOT</c> when set, else <c>../shared</c> beside the repository). CI provides it; on a clone without
/// it the tests that need it are skipped, each with a message naming what is missing.
/// </summary>
internal static class SharedFolder
{
    public const string AmazonReviews = "data/amazon-musical-instruments-5core";

    /// <summary>The upstream safetensors table of the shipped encoder, the reference its ONNX graph is checked against.</summary>
    public const string EncoderSafetensors = "models/potion-base-4M-int8/model.safetensors";

    public static string PathOf(string relativePath) => Path.Combine(RepositoryPaths.SharedRoot(), relativePath);

    /// <summary>Why a test that needs <paramref name="relativePath"/> cannot run here, or <see langword="null"/> when it can.</summary>
    public static string? MissingReason(string relativePath)
    {
        string path = PathOf(relativePath);
        return File.Exists(path) || Directory.Exists(path)
            ? null
            : $"Needs {relativePath} from the shared folder, absent here ({path}); set {RepositoryPaths.SharedRootVariable} to run it.";
    }
}
