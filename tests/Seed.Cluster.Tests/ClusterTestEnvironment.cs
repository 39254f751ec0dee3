using Seed.Core;

namespace Seed.Cluster.Tests;

/// <summary>Where the tests find PostgreSQL, the shared models and the built host binaries.</summary>
public static class ClusterTestEnvironment
{
    public const string ConnectionVariable = "SEED_POSTGRES";

    /// <summary>An Npgsql connection string with rights to create databases, or null when the tests must skip.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"{ConnectionVariable} is not set: multi-process PostgreSQL cluster tests skipped (.ci/run sets it; see README).";

    public static string RepositoryRoot => RepositoryPaths.FindRepositoryRoot()
        ?? throw new InvalidOperationException("Run the cluster tests from inside the repository.");

    public static string ScriptDirectory => Path.Combine(RepositoryRoot, "deploy", "postgres");

    /// <summary>The host's build output for the configuration these tests were built in (Debug or Release).</summary>
    public static string HostAssembly(string project)
    {
        // AppContext.BaseDirectory is tests/Seed.Cluster.Tests/bin/{Configuration}/{tfm}/
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent!.Name;
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", configuration, tfmDirectory.Name, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first (dotnet build tests/Seed.Cluster.Tests).", path);
    }
}
