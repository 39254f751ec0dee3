using Microsoft.Extensions.Options;
using Seed.Evaluation;
using Spectre.Console;

EvaluationOptions options;
try
{
    options = EvaluationOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

try
{
    new EvaluationRunner(AnsiConsole.Console).Run(options);
}
catch (Exception ex) when (ex is InvalidDataException or OptionsValidationException or FileNotFoundException or DirectoryNotFoundException)
{
    // A broken model or encoder folder, a bad setting or a missing data set: one line, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

return 0;
