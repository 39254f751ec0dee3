using Microsoft.Extensions.Options;

namespace Seed.Core;

/// <summary>
/// Runs an options validator outside dependency injection (command-line tools, library types built in code), so
/// those paths apply the same rules the host applies at start rather than a second, hand-written copy.
/// </summary>
public static class OptionsValidatorExtensions
{
    /// <summary>Throws what the host would throw at start: an <see cref="OptionsValidationException"/> with every failure.</summary>
    public static void ThrowIfInvalid<TOptions>(this IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResult result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }
    }
}
