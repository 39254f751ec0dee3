using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Seed.Silo.Hosting;

/// <summary>
/// Checks <c>Orleans:GrainCollection</c> at start, one line per mistake naming its key: Orleans' own check fails later
/// with an exception that does not say which setting was wrong.
/// </summary>
public sealed class GrainCollectionSettingsValidator : IValidateOptions<GrainCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = SiloHostingExtensions.GrainCollectionSection;
        var failures = new List<string>();
        if (options.CollectionQuantum <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:CollectionQuantum must be positive (it is {options.CollectionQuantum}).");
        }
        else if (options.CollectionAge <= options.CollectionQuantum)
        {
            failures.Add($"{Section}:CollectionAge ({options.CollectionAge}) must be longer than {Section}:CollectionQuantum ({options.CollectionQuantum}), the interval at which idle activations are looked for.");
        }

        if (options.EnableActivationSheddingOnMemoryPressure)
        {
            if (options.MemoryUsageLimitPercentage is < 1 or > 100)
            {
                failures.Add($"{Section}:MemoryUsageLimitPercentage must be between 1 and 100 (it is {options.MemoryUsageLimitPercentage}).");
            }

            if (options.MemoryUsageTargetPercentage < 1 || options.MemoryUsageTargetPercentage >= options.MemoryUsageLimitPercentage)
            {
                failures.Add($"{Section}:MemoryUsageTargetPercentage must be at least 1 and below MemoryUsageLimitPercentage ({options.MemoryUsageLimitPercentage}); it is {options.MemoryUsageTargetPercentage}.");
            }

            if (options.MemoryUsagePollingPeriod <= TimeSpan.Zero)
            {
                failures.Add($"{Section}:MemoryUsagePollingPeriod must be positive (it is {options.MemoryUsagePollingPeriod}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
