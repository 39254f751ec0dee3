using System.CommandLine;

namespace Seed.Testing;

/// <summary>What one of the command-line tools (LoadTest, Evaluation, Training) wrote and returned for one command line.</summary>
public sealed record CommandLineRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <paramref name="invoke"/> (a tool's <c>InvokeAsync</c>) with <paramref name="args"/>, capturing stdout and stderr.</summary>
    public static async Task<CommandLineRun> InvokeAsync(Func<string[], TextWriter, TextWriter, Task<int>> invoke, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await invoke(args, output, error);
        return new CommandLineRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The one error style of the tools: exit code 2, one line <c>error: ...</c> on stderr naming <paramref name="named"/>, no stack trace.</summary>
    public void AssertUsageError(string named)
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal(string.Empty, Output);
        var line = Assert.Single(Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    /// <summary>Help on stdout, exit code 0, naming every option of <paramref name="command"/> but the hidden ones.</summary>
    public void AssertHelpOf(RootCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Assert.Equal(0, ExitCode);
        Assert.Equal(string.Empty, Error);
        Assert.Contains("Usage:", Output, StringComparison.Ordinal);
        Assert.All(command.Options.Where(option => !option.Hidden), option => Assert.Contains(option.Name + " ", Output, StringComparison.Ordinal));
    }
}
