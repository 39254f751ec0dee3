using Seed.Evaluation;
using Spectre.Console;

return await EvaluationCommand.InvokeAsync(args, options =>
{
    new EvaluationRunner(AnsiConsole.Console).Run(options);
    return Task.FromResult(0);
});
