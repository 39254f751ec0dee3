using System.CommandLine;
using Seed.Core;
using Seed.Testing;

namespace Seed.Training.Tests;

public sealed class CommandLineTests : ToolCommandLineTests
{
    protected override RootCommand Root => new TrainingCommand().Root;

    protected override string WholeNumberOption => "--hidden";

    protected override IReadOnlyList<string> HelpShows => ["[default: data/ml-latest-small]", "[default: potion-base-4M]", "[default: 0.0005]"];

    protected override IReadOnlyList<(string Option, string Value)> BadValues =>
        [("--hidden", "0"), ("--lr", "fast"), ("--lr", "-1"), ("--encoder", "nope"), ("--from-postgres", "Hots=db"), ("--data", "/nonexistent/seed")];

    [Fact]
    public async Task A_bare_run_trains_on_the_shipped_data_into_the_shipped_model_folder()
    {
        var run = await RunAsync();

        Assert.Equal(0, run.ExitCode);
        var options = Assert.IsType<TrainingOptions>(Ran);
        Assert.Equal(RepositoryPaths.Resolve(ShippedPaths.MovieLens), options.DataPath);
        Assert.Equal(RepositoryPaths.Resolve(ShippedPaths.InterestModel), options.OutputPath);
        Assert.Equal(32, options.HiddenDim);
    }

    [Fact]
    public void Another_encoder_trains_into_its_own_folder()
    {
        var options = TrainingCommand.Parse(["--encoder", "all-MiniLM-L6-v2", "--lr", "2e-3"]);

        Assert.Equal(RepositoryPaths.Resolve("models/interest-lstm-all-MiniLM-L6-v2"), options.OutputPath);
        Assert.Equal(2e-3, options.LearningRate);
    }

    [Fact]
    public async Task The_event_log_and_a_data_folder_exclude_each_other()
    {
        (await RunAsync("--from-postgres", "Host=db;Database=seed", "--data", "data/ml-latest-small")).AssertUsageError("--from-postgres");

        var options = TrainingCommand.Parse(["--from-postgres", "Host=db;Database=seed;Password=secret"]);
        Assert.Contains("Host=db", options.PostgresConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_card_command_leaves_the_password_out()
    {
        var shown = TrainingCommand.WithoutPassword(["--from-postgres", "Host=db;Password=secret", "--lr", "1e-3"]);

        Assert.DoesNotContain("secret", string.Join(' ', shown), StringComparison.Ordinal);
        Assert.Equal(["--lr", "1e-3"], shown.Skip(2));
    }

    protected override Task<int> InvokeAsync(string[] args, Func<object, Task<int>> run, TextWriter stdout, TextWriter stderr) =>
        TrainingCommand.InvokeAsync(args, options => run(options), stdout, stderr);
}
