using Microsoft.Extensions.Options;
using Npgsql;
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
    // A broken model or encoder folder, a bad setting, a missing data set or event log tables: one line, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (NpgsqlException ex)
{
    // --from-postgres: the server is unreachable or refuses the login; the inner error says which (refused, timeout).
    Console.Error.WriteLine(ex.InnerException is { } inner && ex is not PostgresException
        ? $"PostgreSQL: {ex.Message} ({inner.Message})"
        : $"PostgreSQL: {ex.Message}");
    return 2;
}

return 0;
