namespace Seed.Grains.Users;

/// <summary>Where the learned interest model lives, section <c>Seed:InterestModel</c>.</summary>
public sealed class InterestModelOptions
{
    public const string SectionName = "Seed:InterestModel";

    /// <summary>Folder with config.json and model.safetensors; relative paths resolve against the repository root.</summary>
    public string Path { get; set; } = "models/interest-lstm";
}
