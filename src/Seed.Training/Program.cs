using Microsoft.Extensions.Options;
using Seed.Training;
using Spectre.Console;

TrainingOptions options;
try
{
    options = TrainingOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

try
{
    new TrainingRun(AnsiConsole.Console).Run(options, args);
}
catch (Exception ex) when (ex is InvalidDataException or OptionsValidationException or FileNotFoundException or DirectoryNotFoundException)
{
    // A broken model or encoder folder, a bad setting or a missing data set: one line, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

return 0;
