using System.CommandLine;
using Seed.Testing;

namespace Seed.Evaluation.Tests;

public sealed class CommandLineTests : ToolCommandLineTests
{
    protected override RootCommand Root => new EvaluationCommand().Root;

    protected override string WholeNumberOption => "--k";

    protected override IReadOnlyList<string> HelpShows => ["[default: data/ml-latest-small]", "[default: potion-base-4M]"];

    protected override IReadOnlyList<(string Option, string Value)> BadValues =>
        [("--k", "-3"), ("--encoder", "no-such-encoder"), ("--cluster", "127.0.0.1:30000"), ("--http", "ftp://host/")];

    [Fact]
    public async Task A_bare_run_evaluates_the_shipped_data_with_the_shipped_encoder_and_model()
    {
        var run = await RunAsync();

        Assert.Equal(0, run.ExitCode);
        var options = Assert.IsType<EvaluationOptions>(Ran);
        Assert.True(Directory.Exists(options.DataPath), options.DataPath);
        Assert.Equal("potion-base-4M", options.Encoder);
        Assert.True(File.Exists(Path.Combine(options.ModelPath, "model.safetensors")), options.ModelPath);
        Assert.Equal(10, options.K);
    }

    protected override Task<int> InvokeAsync(string[] args, Func<object, Task<int>> run, TextWriter stdout, TextWriter stderr) =>
        EvaluationCommand.InvokeAsync(args, options => run(options), stdout, stderr);
}
