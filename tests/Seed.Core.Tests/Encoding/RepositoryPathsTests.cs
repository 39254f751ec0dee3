namespace Seed.Core.Tests.Encoding;

public sealed class RepositoryPathsTests
{
    [Fact]
    public void Finds_the_folder_that_holds_the_solution()
    {
        string? root = RepositoryPaths.FindRepositoryRoot();

        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "Silo.sln")));
        Assert.Equal(root, RepositoryPaths.FindRepositoryRoot(Path.Combine(root, "src", "Seed.Core")));
    }

    [Fact]
    public void Returns_null_when_no_ancestor_holds_the_solution()
    {
        Assert.Null(RepositoryPaths.FindRepositoryRoot(Path.GetTempPath()));
    }

    [Fact]
    public void Resolves_relative_paths_against_the_repository_root_and_keeps_rooted_ones()
    {
        string root = RepositoryPaths.FindRepositoryRoot()!;
        string rooted = Path.Combine(Path.GetTempPath(), "somewhere", "model");

        Assert.Equal(rooted, RepositoryPaths.Resolve(rooted));
        Assert.Equal(
            Path.GetFullPath(Path.Combine(root, "..", "shared", "models")),
            RepositoryPaths.Resolve("../shared/models"));
        Assert.DoesNotContain("..", RepositoryPaths.Resolve("../shared/models"), StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_a_checkout_relative_paths_resolve_against_the_binaries_folder_not_the_working_directory()
    {
        string binaries = Path.Combine(Path.GetTempPath(), "published-silo");

        Assert.Equal(
            Path.Combine(binaries, "models", "interest-lstm"),
            RepositoryPaths.Resolve("models/interest-lstm", repositoryRoot: null, applicationDirectory: binaries));
        Assert.Equal(
            Path.Combine(binaries, "models", "interest-lstm"),
            RepositoryPaths.Resolve("models/interest-lstm", repositoryRoot: binaries, applicationDirectory: "/elsewhere"));
    }
}
