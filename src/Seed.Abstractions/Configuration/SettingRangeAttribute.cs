using System.ComponentModel.DataAnnotations;

namespace Seed.Abstractions.Configuration;

/// <summary>
/// <see cref="RangeAttribute"/> for options classes, so that the failure names the configuration key.
/// </summary>
/// <remarks>
/// The options validation source generator ([OptionsValidator]) replaces a plain [Range] with its own copy that
/// ignores <see cref="ValidationAttribute.ErrorMessage"/> (dotnet/runtime#123137), which would leave
/// "The field CatalogOptions.ShardCount must be ..." instead of the key an operator sets. A derived attribute is
/// emitted as written, so the platform's range check runs with our message. Go back to [Range] once that is fixed.
/// Limits given as strings (durations) are parsed in the invariant culture: they are code, not user input.
/// </remarks>
public sealed class SettingRangeAttribute : RangeAttribute
{
    /// <summary><see cref="TimeSpan.MaxValue"/> as a limit string, for "at least" rules on durations.</summary>
    public const string MaxDuration = "10675199.02:48:05.4775807";

    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    /// <remarks>NaN and infinities fall outside any finite range, so this also rejects them.</remarks>
    public SettingRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        ParseLimitsInInvariantCulture = true;
    }
}
