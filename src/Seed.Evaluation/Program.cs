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

new EvaluationRunner(AnsiConsole.Console).Run(options);
return 0;
