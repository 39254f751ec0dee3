using System.CommandLine;
using Seed.Testing;

namespace Seed.LoadTest.Tests;

public sealed class CommandLineTests : ToolCommandLineTests
{
    protected override RootCommand Root => new LoadTestCommand().Root;

    protected override string WholeNumberOption => "--k";

    protected override IReadOnlyList<string> RequiredArgs => ["--http", "http://h:1", "--max"];

    protected override IReadOnlyList<string> HelpShows => ["--mode <synthetic|replay>", "[default: data/ml-latest-small]"];

    protected override IReadOnlyList<(string Option, string Value)> BadValues =>
        [("--k", "0"), ("--rate", "fast"), ("--mode", "bogus"), ("--preload-items", "some"), ("--cluster", "localhost:30000"), ("--duration", "soon")];

    [Fact]
    public async Task Options_that_exclude_each_other_are_usage_errors()
    {
        (await RunAsync([.. RequiredArgs, "--rate", "5"])).AssertUsageError("--rate");
        (await RunAsync("--max")).AssertUsageError("--http");
        (await RunAsync([.. RequiredArgs, "--cluster", "orleans:127.0.0.1:30000"])).AssertUsageError("--cluster");
        (await RunAsync([.. RequiredArgs, "--event-then-recommend", "--recommend-only"])).AssertUsageError("--event-then-recommend");
        Assert.Null(Ran);
    }

    [Fact]
    public async Task Typed_options_reach_the_run()
    {
        var run = await RunAsync("--cluster", "ORLEANS:127.0.0.1:30000", "--cluster-id", "c", "--max", "--mode", "Replay", "--preload-items", "none", "--k", "7");

        Assert.Equal(0, run.ExitCode);
        var options = Assert.IsType<LoadTestOptions>(Ran);
        Assert.Equal("127.0.0.1:30000", options.OrleansGateway);
        Assert.Equal("c", options.ClusterId);
        Assert.Equal(WorkloadMode.Replay, options.Mode);
        Assert.Equal(ItemPreload.None, options.PreloadItems);
        Assert.Equal(7, options.K);
    }

    [Fact]
    public void The_earlier_target_spelling_still_works()
    {
        Assert.Equal(new Uri("http://h:1"), LoadTestCommand.Parse(["--target", "http://h:1", "--max"]).HttpTarget);
        Assert.Equal("127.0.0.1:30000", LoadTestCommand.Parse(["--target", "orleans:127.0.0.1:30000", "--max"]).OrleansGateway);
        Assert.Equal(ItemPreload.None, LoadTestCommand.Parse(["--http", "http://h:1", "--max", "--no-seed-catalog"]).PreloadItems);
    }

    protected override Task<int> InvokeAsync(string[] args, Func<object, Task<int>> run, TextWriter stdout, TextWriter stderr) =>
        LoadTestCommand.InvokeAsync(args, options => run(options), stdout, stderr);
}
