using Microsoft.Extensions.Options;

namespace Seed.Testing;

/// <summary>Checks one rule of an options validator the way the host applies it at start.</summary>
internal static class OptionsAssert
{
    /// <summary>A valid value passes; an invalid one fails with exactly one failure, which names the configuration key.</summary>
    public static void Rule<TOptions>(IValidateOptions<TOptions> validator, TOptions options, string key, bool valid)
        where TOptions : class
    {
        ValidateOptionsResult result = validator.Validate(Options.DefaultName, options);
        if (valid)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
            return;
        }

        string failure = Assert.Single(result.Failures!);
        Assert.Contains(key, failure, StringComparison.Ordinal);
    }
}
