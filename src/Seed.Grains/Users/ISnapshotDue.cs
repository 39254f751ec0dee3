namespace Seed.Grains.Users;

/// <summary>What <see cref="SnapshotDueTimer"/> calls when a scheduled snapshot is due: a user activation.</summary>
public interface ISnapshotDue
{
    /// <summary>
    /// Called on the <see cref="SnapshotDueTimer"/>'s timer thread, never on the activation's own: an implementation only hands the work to its
    /// activation (and returns at once), where it checks that the snapshot is still wanted.
    /// </summary>
    void SnapshotDue();
}
