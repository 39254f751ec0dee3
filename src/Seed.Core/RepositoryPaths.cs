namespace Seed.Core;

/// <summary>
/// Locates the repository root so that relative paths in configuration (such as <c>../shared/models/...</c>)
/// mean the same thing whether the process runs from <c>bin/Debug/net10.0</c>, a test runner or the repository root.
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
    /// relative to the repository root when one is found, otherwise relative to the current directory.
    /// </summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        string baseDirectory = FindRepositoryRoot() ?? Environment.CurrentDirectory;
        return Path.GetFullPath(Path.Combine(baseDirectory, path));
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
