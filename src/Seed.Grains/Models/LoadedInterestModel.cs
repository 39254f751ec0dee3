using Seed.Abstractions.Models;
using Seed.Core.Interest;

namespace Seed.Grains.Models;

/// <summary>
/// One loaded interest model and the tracker built on it: what a silo serves at a time. Immutable, so a swap is one
/// reference assignment and a grain holding an instance keeps a consistent model for the whole of a call.
/// </summary>
public sealed class LoadedInterestModel(string directory, string version, InterestModelMode mode, string detail, InterestTracker tracker)
{
    /// <summary>The folder it came from (resolved); the folder asked for when the fallback runs.</summary>
    public string Directory { get; } = directory;

    /// <summary>Content hash of config.json and model.safetensors (<see cref="InterestModelFingerprint"/>), or <c>fallback</c>.</summary>
    public string Version { get; } = version;

    public InterestModelMode Mode { get; } = mode;

    /// <summary>Which weights are loaded, or why the fallback runs.</summary>
    public string Detail { get; } = detail;

    public InterestTracker Tracker { get; } = tracker;
}
