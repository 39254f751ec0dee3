using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Seed.Tools;

/// <summary>
/// How the three command-line tools (Seed.LoadTest, Seed.Evaluation, Seed.Training) run, linked into each so that they
/// behave alike: <c>--help</c> (also <c>-h</c>, <c>-?</c>) and <c>--version</c> come from System.CommandLine, and every
/// mistake in the input (a value of the wrong type or range, an unknown option, options that exclude each other, a
/// missing or broken input folder) is one line <c>error: ...</c> on stderr with exit code 2, never a stack trace.
/// </summary>
internal static class ToolCommandLine
{
    /// <summary>The exit code of every mistake in the command line or the input it names.</summary>
    public const int UsageError = 2;

    // Command-line mistakes point at the help; a missing file does not (the command line was well formed).
    private const string HelpHint = " See --help.";

    /// <summary>
    /// Parses <paramref name="args"/>; answers <c>--help</c> and <c>--version</c>, or reports a mistake, or builds the
    /// options (<see cref="IToolCommand{TOptions}.Bind"/>) and runs <paramref name="run"/>. The root command has no action
    /// of its own: the tool runs here, outside System.CommandLine's invocation, so that its own Ctrl+C handling and its
    /// exceptions stay as they are.
    /// </summary>
    public static async Task<int> InvokeAsync<TOptions>(
        IToolCommand<TOptions> command, IReadOnlyList<string> args, Func<TOptions, Task<int>> run, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(run);
        output ??= Console.Out;
        error ??= Console.Error;
        var result = command.Root.Parse(args);
        if (result.Action is { ClearsParseErrors: true })
        {
            // --help and --version answer even beside a mistake, as System.CommandLine intends.
            return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        }

        TOptions options;
        try
        {
            options = Bind(command, result);
        }
        catch (ArgumentException ex)
        {
            return Fail(error, ex.Message + HelpHint);
        }

        try
        {
            return await run(options);
        }
        catch (Exception ex) when (ex is InvalidDataException or OptionsValidationException or FileNotFoundException or DirectoryNotFoundException)
        {
            // A missing data set, a broken model or encoder folder, a setting its validator refuses: the input, not a bug.
            return Fail(error, ex.Message);
        }
    }

    /// <summary>
    /// Parses and binds without running: the options a command line gives, or an <see cref="ArgumentException"/> whose
    /// message is the line <see cref="InvokeAsync{TOptions}"/> would print after <c>error: </c>.
    /// </summary>
    public static TOptions Parse<TOptions>(IToolCommand<TOptions> command, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Bind(command, command.Root.Parse(args));
    }

    /// <summary>Writes <c>error: </c><paramref name="message"/> as one line and returns <see cref="UsageError"/>.</summary>
    public static int Fail(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine("error: " + string.Join(' ', message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        return UsageError;
    }

    // All of System.CommandLine's errors on one line: usually there is one; an unknown option's value adds a second.
    private static TOptions Bind<TOptions>(IToolCommand<TOptions> command, ParseResult result) =>
        result.Errors.Count == 0
            ? command.Bind(result)
            : throw new ArgumentException(string.Join(' ', result.Errors.Select(parseError => parseError.Message).Distinct(StringComparer.Ordinal)));
}
