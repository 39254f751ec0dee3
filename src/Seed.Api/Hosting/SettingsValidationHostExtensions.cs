using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Seed.Api.Hosting;

/// <summary>
/// How both hosts (the silo and the web client) end when a setting fails the validation registered with
/// ValidateOnStart: one line per failure, each naming its configuration key, and a non-zero exit code, instead of an
/// unhandled exception's stack trace that buries the one line an operator needs.
/// </summary>
public static class SettingsValidationHostExtensions
{
    /// <summary>Exit code for invalid settings, as the silo's <c>--migrate</c> uses for a missing connection string.</summary>
    public const int InvalidSettingsExitCode = 2;

    /// <summary>
    /// Runs the host's start-up validation, then the host until shutdown (exit code 0). When a setting is invalid it
    /// writes each failure to <paramref name="error"/> (standard error by default) and returns
    /// <see cref="InvalidSettingsExitCode"/> without starting anything.
    /// </summary>
    /// <remarks>
    /// The validator is the one the host itself calls first thing in StartAsync; calling it here, before the host runs,
    /// keeps the host from logging the failure with its stack trace ("Hosting failed to start"). The options it creates
    /// are cached, so the host's own call does not validate again.
    /// </remarks>
    public static async Task<int> RunOrReportInvalidSettingsAsync(this IHost host, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (InvalidSettings(exception) is { Count: > 0 } failures)
        {
            return await ReportInvalidSettingsAsync(failures, error);
        }

        await host.RunAsync();
        return 0;
    }

    /// <summary>Writes each failure on its own line to <paramref name="error"/> (standard error by default).</summary>
    /// <returns><see cref="InvalidSettingsExitCode"/>.</returns>
    public static async Task<int> ReportInvalidSettingsAsync(IReadOnlyList<string> failures, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(failures);
        error ??= Console.Error;
        foreach (string failure in failures)
        {
            await error.WriteLineAsync(failure);
        }

        return InvalidSettingsExitCode;
    }

    /// <summary>
    /// The failure messages in an exception from start-up validation: one <see cref="OptionsValidationException"/>, or
    /// the <see cref="AggregateException"/> the validator throws when several options types fail. Empty for anything else.
    /// </summary>
    public static IReadOnlyList<string> InvalidSettings(Exception exception) => exception switch
    {
        OptionsValidationException single => [.. single.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures)],
        _ => [],
    };
}
