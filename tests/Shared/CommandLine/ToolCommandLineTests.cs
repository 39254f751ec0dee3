using System.CommandLine;

namespace Seed.Testing;

/// <summary>
/// What every tool's command line does alike (help, a value of the wrong type, an unknown option, a missing input);
/// each tool's test class derives from this one, says how to invoke the tool, and adds its own cases.
/// </summary>
public abstract class ToolCommandLineTests
{
    /// <summary>The options the last run was given; null when nothing ran.</summary>
    protected object? Ran { get; private set; }

    /// <summary>A fresh root command of the tool, for the options help must name.</summary>
    protected abstract RootCommand Root { get; }

    /// <summary>A whole-number option of the tool.</summary>
    protected abstract string WholeNumberOption { get; }

    /// <summary>Arguments that the tool needs before any other (its target); none by default.</summary>
    protected virtual IReadOnlyList<string> RequiredArgs => [];

    /// <summary>Text help must show besides the option names (choices, defaults).</summary>
    protected abstract IReadOnlyList<string> HelpShows { get; }

    /// <summary>Values each refused with one line naming the option, after <see cref="RequiredArgs"/>.</summary>
    protected abstract IReadOnlyList<(string Option, string Value)> BadValues { get; }

    [Fact]
    public async Task Help_names_every_option_and_runs_nothing()
    {
        var run = await RunAsync("--help");

        run.AssertHelpOf(Root);
        Assert.All(HelpShows, text => Assert.Contains(text, run.Output, StringComparison.Ordinal));
        Assert.Null(Ran);
    }

    [Fact]
    public async Task A_bad_value_is_one_error_line_naming_the_option()
    {
        foreach (var (option, value) in BadValues)
        {
            (await RunAsync([.. RequiredArgs, option, value])).AssertUsageError(option);
        }

        Assert.Null(Ran);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_one_error_line_naming_the_option()
    {
        (await RunAsync([.. RequiredArgs, WholeNumberOption, "abc"])).AssertUsageError(WholeNumberOption);
        (await RunAsync([.. RequiredArgs, WholeNumberOption])).AssertUsageError(WholeNumberOption);
        Assert.Null(Ran);
    }

    [Fact]
    public async Task An_unknown_option_is_one_error_line_naming_it()
    {
        (await RunAsync([.. RequiredArgs, "--frobnicate", "1"])).AssertUsageError("--frobnicate");
        Assert.Null(Ran);
    }

    [Fact]
    public async Task A_missing_input_is_one_error_line_without_a_stack_trace()
    {
        var run = await CommandLineRun.InvokeAsync(
            (args, output, error) => InvokeAsync(args, _ => throw new DirectoryNotFoundException("Data set folder '/nowhere' does not exist."), output, error),
            [.. RequiredArgs]);

        run.AssertUsageError("/nowhere");
    }

    /// <summary>The tool's <c>InvokeAsync</c> with <paramref name="run"/> in place of the real work.</summary>
    protected abstract Task<int> InvokeAsync(string[] args, Func<object, Task<int>> run, TextWriter stdout, TextWriter stderr);

    /// <summary>Invokes the tool, recording the options it would run with in <see cref="Ran"/>.</summary>
    protected Task<CommandLineRun> RunAsync(params string[] args) =>
        CommandLineRun.InvokeAsync((a, output, error) => InvokeAsync(a, options => { Ran = options; return Task.FromResult(0); }, output, error), args);
}
