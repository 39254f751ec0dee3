namespace Seed.LoadTest;

/// <summary>Which of the workload's items are upserted before the run (<c>--preload-items</c>).</summary>
public enum ItemPreload
{
    /// <summary>Those the target lacks (asked first).</summary>
    Missing,

    /// <summary>Every item, whatever the target holds.</summary>
    All,

    /// <summary>None: the target's catalog is used as it is.</summary>
    None,
}
