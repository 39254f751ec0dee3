using Seed.LoadTest;
using Spectre.Console;

// Logs and CI capture are not terminals; give the tables room instead of Spectre's 80-column default.
if (!AnsiConsole.Profile.Capabilities.Interactive)
{
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
}

return await LoadTestCommand.InvokeAsync(args, LoadTestRun.RunAsync);
