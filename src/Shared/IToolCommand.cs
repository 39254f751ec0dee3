using System.CommandLine;

namespace Seed.Tools;

/// <summary>A tool's command line: its options under one root command, and the options object a parse of them gives.</summary>
internal interface IToolCommand<out TOptions>
{
    /// <summary>The root command, holding every option of the tool.</summary>
    RootCommand Root { get; }

    /// <summary>The options of a command line that parsed; <see cref="ArgumentException"/> where options exclude each other.</summary>
    TOptions Bind(ParseResult result);
}
