using System.ComponentModel.DataAnnotations;

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
}
