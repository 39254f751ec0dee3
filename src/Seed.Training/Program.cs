using Npgsql;
using Seed.Tools;
using Seed.Training;
using Spectre.Console;

return await TrainingCommand.InvokeAsync(args, options =>
{
    try
    {
        new TrainingRun(AnsiConsole.Console).Run(options, args);
        return Task.FromResult(0);
    }
    catch (NpgsqlException ex)
    {
        // --from-postgres: the server is unreachable or refuses the login; the inner error says which (refused, timeout).
        return Task.FromResult(ToolCommandLine.Fail(Console.Error, ex.InnerException is { } inner && ex is not PostgresException
            ? $"PostgreSQL: {ex.Message} ({inner.Message})"
            : $"PostgreSQL: {ex.Message}"));
    }
});
