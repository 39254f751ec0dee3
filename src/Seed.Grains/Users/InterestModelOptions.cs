using System.ComponentModel.DataAnnotations;
using Seed.Abstractions.Configuration;

namespace Seed.Grains.Users;

/// <summary>
/// Where the learned interest model lives, section <c>Seed:InterestModel</c>; checked when the host starts
/// (<see cref="InterestModelOptionsValidator"/>).
/// </summary>
public sealed class InterestModelOptions
{
    public const string SectionName = "Seed:InterestModel";

    /// <summary>Folder with config.json and model.safetensors; relative paths resolve against the repository root.</summary>
    /// <remarks>An empty path would resolve to the repository root; a folder without a model selects the fallback.</remarks>
    [Required(ErrorMessage = SectionName + ":Path must not be empty.")]
    public string Path { get; set; } = "models/interest-lstm";

    /// <summary>
    /// How often each silo asks the model registry which model the cluster serves (a deploy through the admin endpoint
    /// moves its own silo at once; the others follow within this interval).
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true,
        ErrorMessage = SectionName + ":SyncInterval must be positive.")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(5);
}
