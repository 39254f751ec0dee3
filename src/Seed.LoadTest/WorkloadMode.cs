namespace Seed.LoadTest;

/// <summary>Where a load test's events come from (<c>--mode</c>).</summary>
public enum WorkloadMode
{
    /// <summary>Generated: Zipf-distributed users and items (<c>SyntheticWorkload</c>).</summary>
    Synthetic,

    /// <summary>A data set's events in time order, per-user order kept (<c>ReplayWorkload</c>).</summary>
    Replay,
}
