using Seed.Testing;

namespace Seed.LoadTest.Tests;

public sealed class CommandLineTests
{
    private LoadTestOptions? _ran;

    [Fact]
    public async Task Help_names_every_option_and_runs_nothing()
    {
        var run = await InvokeAsync("--help");

        run.AssertHelpNames(new LoadTestCommand().Root.Options.Where(option => !option.Hidden).Select(option => option.Name));
        Assert.Contains("--mode <synthetic|replay>", run.Output, StringComparison.Ordinal);
        Assert.Contains("[default: data/ml-latest-small]", run.Output, StringComparison.Ordinal);
        Assert.Null(_ran);
    }

    [Theory]
    [InlineData("--k", "abc")]
    [InlineData("--k", "0")]
    [InlineData("--rate", "fast")]
    [InlineData("--mode", "bogus")]
    [InlineData("--preload-items", "some")]
    [InlineData("--cluster", "localhost:30000")]
    public async Task A_bad_value_is_one_error_line_naming_the_option(string option, string value)
    {
        var run = await InvokeAsync("--http", "http://h:1", "--max", option, value);

        run.AssertUsageError(option);
        Assert.Null(_ran);
    }

    [Fact]
    public async Task Unknown_options_and_conflicts_are_usage_errors()
    {
        (await InvokeAsync("--http", "http://h:1", "--max", "--frobnicate")).AssertUsageError("--frobnicate");
        (await InvokeAsync("--http", "http://h:1", "--max", "--rate", "5")).AssertUsageError("--rate");
        (await InvokeAsync("--max")).AssertUsageError("--http");
        (await InvokeAsync("--http", "http://h:1", "--cluster", "orleans:127.0.0.1:30000", "--max")).AssertUsageError("--cluster");
        Assert.Null(_ran);
    }

    [Fact]
    public async Task A_missing_data_set_is_one_error_line_too()
    {
        var run = await CommandLineRun.InvokeAsync(
            (args, output, error) => LoadTestCommand.InvokeAsync(args, _ => throw new DirectoryNotFoundException("Data set folder '/nowhere' does not exist."), output, error),
            "--http", "http://h:1", "--max", "--mode", "replay", "--data", "/nowhere");

        run.AssertUsageError("/nowhere");
    }

    [Fact]
    public async Task Typed_options_reach_the_run()
    {
        var run = await InvokeAsync("--cluster", "ORLEANS:127.0.0.1:30000", "--cluster-id", "c", "--max", "--mode", "Replay", "--preload-items", "none", "--k", "7");

        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(_ran);
        Assert.Equal("127.0.0.1:30000", _ran.OrleansGateway);
        Assert.Equal("c", _ran.ClusterId);
        Assert.Equal(WorkloadMode.Replay, _ran.Mode);
        Assert.Equal(ItemPreload.None, _ran.PreloadItems);
        Assert.Equal(7, _ran.K);
    }

    [Fact]
    public void The_earlier_target_spelling_still_works()
    {
        Assert.Equal(new Uri("http://h:1"), LoadTestCommand.Parse(["--target", "http://h:1", "--max"]).HttpTarget);
        Assert.Equal("127.0.0.1:30000", LoadTestCommand.Parse(["--target", "orleans:127.0.0.1:30000", "--max"]).OrleansGateway);
        Assert.Equal(ItemPreload.None, LoadTestCommand.Parse(["--http", "http://h:1", "--max", "--no-seed-catalog"]).PreloadItems);
    }

    private Task<CommandLineRun> InvokeAsync(params string[] args) =>
        CommandLineRun.InvokeAsync((a, output, error) => LoadTestCommand.InvokeAsync(a, options => { _ran = options; return Task.FromResult(0); }, output, error), args);
}
