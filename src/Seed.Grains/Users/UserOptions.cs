namespace Seed.Grains.Users;

/// <summary>User grain settings, section <c>Seed:Users</c>.</summary>
public sealed class UserOptions
{
    public const string SectionName = "Seed:Users";

    /// <summary>How many recent item ids a user keeps; these are the "seen" items excluded from recommendations.</summary>
    public int RecentItemCount { get; set; } = 200;

    /// <summary>How many recent event ids a user remembers to drop duplicates (client retries).</summary>
    public int EventIdWindow { get; set; } = 4096;

    /// <summary>Categories a user keeps affinities for; the weakest are dropped beyond this.</summary>
    public int MaxCategoryAffinities { get; set; } = 256;

    /// <summary>
    /// Labels carried by fewer items are left out of /interests: a tag on one item has that item's vector as its
    /// centroid and would look like a perfect match for anyone who touched the item.
    /// </summary>
    public int MinItemsPerInterestLabel { get; set; } = 3;

    /// <summary>
    /// With either event log (PostgreSQL or the in-memory one): write a snapshot after this many applied events, never
    /// per batch. The append to the log is the acknowledgement point, so fewer snapshots mean fewer writes and a longer
    /// replay on activation. With the in-memory log the snapshot also carries the event-id window.
    /// </summary>
    public int SnapshotEveryEvents { get; set; } = 100;

    /// <summary>
    /// A snapshot is also written this long after the first applied event no snapshot holds yet (a one-shot timer, so an
    /// idle user costs no ticks), and on deactivation.
    /// </summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (RecentItemCount is < 0 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(RecentItemCount), RecentItemCount, "Seed:Users:RecentItemCount must be between 0 and 100000.");
        }

        if (EventIdWindow is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(EventIdWindow), EventIdWindow, "Seed:Users:EventIdWindow must be between 1 and 1000000.");
        }

        if (MinItemsPerInterestLabel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinItemsPerInterestLabel), MinItemsPerInterestLabel, "Seed:Users:MinItemsPerInterestLabel must be at least 1.");
        }

        if (SnapshotEveryEvents is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotEveryEvents), SnapshotEveryEvents, "Seed:Users:SnapshotEveryEvents must be between 1 and 1000000.");
        }

        if (SnapshotInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotInterval), SnapshotInterval, "Seed:Users:SnapshotInterval must be positive.");
        }

        if (MaxCategoryAffinities is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCategoryAffinities), MaxCategoryAffinities, "Seed:Users:MaxCategoryAffinities must be between 1 and 100000.");
        }
    }
}
