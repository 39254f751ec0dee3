namespace Seed.Core;

/// <summary>
/// Locates the repository root so that relative paths in configuration (such as <c>models/interest-lstm</c>) mean the
/// same thing whether the process runs from <c>bin/Debug/net10.0</c>, a test runner or the repository root; outside a
/// checkout (a published build, a container image) they mean the folder holding the binaries, where publishing puts the
/// shipped models and data (<see cref="ShippedPaths"/>).
/// </summary>
public static class RepositoryPaths
{
    /// <summary>The file whose presence marks the repository root.</summary>
    public const string MarkerFileName = "Silo.sln";

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> to the first folder that contains <see cref="MarkerFileName"/>.
    /// Without a start directory it tries <see cref="AppContext.BaseDirectory"/> first (stable under test runners,
    /// whose working directory varies) and then <see cref="Environment.CurrentDirectory"/>.
    /// </summary>
    /// <returns>The full path of the repository root, or <see langword="null"/> when no ancestor holds the marker
    /// (for example in a container image that ships only the binaries).</returns>
    public static string? FindRepositoryRoot(string? startDirectory = null)
    {
        if (startDirectory is not null)
        {
            return WalkUpToMarker(startDirectory);
        }

        return WalkUpToMarker(AppContext.BaseDirectory) ?? WalkUpToMarker(Environment.CurrentDirectory);
    }

    /// <summary>
    /// Turns a configured path into a full path: rooted paths are returned unchanged; relative paths are taken
    /// relative to the repository root when one is found, otherwise relative to the folder holding the binaries
    /// (<see cref="AppContext.BaseDirectory"/>), never the working directory, which a service manager or container
    /// chooses.
    /// </summary>
    public static string Resolve(string path) => Resolve(path, FindRepositoryRoot(), AppContext.BaseDirectory);

    /// <summary><see cref="Resolve(string)"/> with the repository root (or none) and the binaries' folder given.</summary>
    internal static string Resolve(string path, string? repositoryRoot, string applicationDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        return Path.GetFullPath(Path.Combine(repositoryRoot ?? applicationDirectory, path));
    }

    /// <summary>Environment variable that points at the read-only shared folder (models, data sets) when it is not <c>../shared</c>.</summary>
    public const string SharedRootVariable = "SEED_SHARED_ROOT";

    /// <summary>The shared folder: <see cref="SharedRootVariable"/> when set (CI, other checkout layouts), else <c>../shared</c> resolved from the repository root.</summary>
    public static string SharedRoot() =>
        Environment.GetEnvironmentVariable(SharedRootVariable) is { } configured && !string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(configured)
            : Resolve("../shared");

    private static string? WalkUpToMarker(string startDirectory)
    {
        if (string.IsNullOrWhiteSpace(startDirectory))
        {
            return null;
        }

        for (DirectoryInfo? directory = new(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, MarkerFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
