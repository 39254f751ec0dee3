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

new TrainingRun(AnsiConsole.Console).Run(options, args);
return 0;
