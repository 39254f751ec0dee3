using Seed.Grains.Users;
using Seed.Testing;

namespace Seed.Grains.Tests;

/// <summary>The rules the silo checks at start for <c>Seed:Users</c>: each bound, and one step past it.</summary>
public sealed class UserOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(new UserOptionsValidator().Validate(null, new UserOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(UserOptions.RecentItemCount), 0, true)]
    [InlineData(nameof(UserOptions.RecentItemCount), -1, false)]
    [InlineData(nameof(UserOptions.RecentItemCount), 100_000, true)]
    [InlineData(nameof(UserOptions.RecentItemCount), 100_001, false)]
    [InlineData(nameof(UserOptions.EventIdWindow), 1, true)]
    [InlineData(nameof(UserOptions.EventIdWindow), 0, false)]
    [InlineData(nameof(UserOptions.EventIdWindow), 1_000_000, true)]
    [InlineData(nameof(UserOptions.EventIdWindow), 1_000_001, false)]
    [InlineData(nameof(UserOptions.MaxCategoryAffinities), 1, true)]
    [InlineData(nameof(UserOptions.MaxCategoryAffinities), 0, false)]
    [InlineData(nameof(UserOptions.MaxCategoryAffinities), 100_000, true)]
    [InlineData(nameof(UserOptions.MaxCategoryAffinities), 100_001, false)]
    [InlineData(nameof(UserOptions.MinItemsPerInterestLabel), 1, true)]
    [InlineData(nameof(UserOptions.MinItemsPerInterestLabel), 0, false)]
    [InlineData(nameof(UserOptions.MinItemsPerInterestLabel), int.MaxValue, true)]
    [InlineData(nameof(UserOptions.SnapshotEveryEvents), 1, true)]
    [InlineData(nameof(UserOptions.SnapshotEveryEvents), 0, false)]
    [InlineData(nameof(UserOptions.SnapshotEveryEvents), 1_000_000, true)]
    [InlineData(nameof(UserOptions.SnapshotEveryEvents), 1_000_001, false)]
    public void Counts_stay_within_their_bounds(string setting, int value, bool valid)
    {
        var options = new UserOptions();
        typeof(UserOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new UserOptionsValidator(), options, $"Seed:Users:{setting}", valid);
    }

    [Theory]
    [InlineData(1L, true)]
    [InlineData(0L, false)]
    [InlineData(-1L, false)]
    [InlineData(long.MaxValue, true)]
    public void The_snapshot_interval_is_positive(long ticks, bool valid)
    {
        var options = new UserOptions { SnapshotInterval = TimeSpan.FromTicks(ticks) };

        OptionsAssert.Rule(new UserOptionsValidator(), options, "Seed:Users:SnapshotInterval", valid);
    }
}
