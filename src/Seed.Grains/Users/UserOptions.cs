using Seed.Abstractions.Configuration;

namespace Seed.Grains.Users;

/// <summary>
/// User grain settings, section <c>Seed:Users</c>. The host checks the rules below (<see cref="UserOptionsValidator"/>)
/// when it starts.
/// </summary>
public sealed class UserOptions
{
    public const string SectionName = "Seed:Users";

    /// <summary>How many recent item ids a user keeps; these are the "seen" items excluded from recommendations.</summary>
    [SettingRange(0, 100_000, ErrorMessage = SectionName + ":RecentItemCount must be between {1} and {2}.")]
    public int RecentItemCount { get; set; } = 200;

    /// <summary>How many recent event ids a user remembers to drop duplicates (client retries).</summary>
    [SettingRange(1, 1_000_000, ErrorMessage = SectionName + ":EventIdWindow must be between {1} and {2}.")]
    public int EventIdWindow { get; set; } = 4096;

    /// <summary>Categories a user keeps affinities for; the weakest are dropped beyond this.</summary>
    [SettingRange(1, 100_000, ErrorMessage = SectionName + ":MaxCategoryAffinities must be between {1} and {2}.")]
    public int MaxCategoryAffinities { get; set; } = 256;

    /// <summary>
    /// Labels carried by fewer items are left out of /interests: a tag on one item has that item's vector as its
    /// centroid and would look like a perfect match for anyone who touched the item.
    /// </summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MinItemsPerInterestLabel must be at least {1}.")]
    public int MinItemsPerInterestLabel { get; set; } = 3;

    /// <summary>
    /// With either event log (PostgreSQL or the in-memory one): write a snapshot after this many applied events, never
    /// per batch. The append to the log is the acknowledgement point, so fewer snapshots mean fewer writes and a longer
    /// replay on activation. With the in-memory log the snapshot also carries the event-id window.
    /// </summary>
    [SettingRange(1, 1_000_000, ErrorMessage = SectionName + ":SnapshotEveryEvents must be between {1} and {2}.")]
    public int SnapshotEveryEvents { get; set; } = 100;

    /// <summary>
    /// A snapshot is also written this long after the first applied event no snapshot holds yet (a one-shot timer, so an
    /// idle user costs no ticks), and on deactivation.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true,
        ErrorMessage = SectionName + ":SnapshotInterval must be positive.")]
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);
}
