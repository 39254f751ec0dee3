using Seed.Grains.Catalog;
using Seed.Testing;

namespace Seed.Grains.Tests;

/// <summary>The rules the silo checks at start for <c>Seed:Catalog</c>: each bound, and one step past it.</summary>
public sealed class CatalogOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(new CatalogOptionsValidator().Validate(null, new CatalogOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(CatalogOptions.ShardCount), 1, true)]
    [InlineData(nameof(CatalogOptions.ShardCount), 0, false)]
    [InlineData(nameof(CatalogOptions.ShardCount), 4096, true)]
    [InlineData(nameof(CatalogOptions.ShardCount), 4097, false)]
    [InlineData(nameof(CatalogOptions.DiversityCandidateFactor), 1, true)]
    [InlineData(nameof(CatalogOptions.DiversityCandidateFactor), 0, false)]
    [InlineData(nameof(CatalogOptions.DiversityCandidateFactor), 64, true)]
    [InlineData(nameof(CatalogOptions.DiversityCandidateFactor), 65, false)]
    [InlineData(nameof(CatalogOptions.CompactScanMinRows), 1, true)]
    [InlineData(nameof(CatalogOptions.CompactScanMinRows), 0, false)]
    [InlineData(nameof(CatalogOptions.CompactScanMinRows), int.MaxValue, true)]
    [InlineData(nameof(CatalogOptions.CompactScanCandidateFactor), 1, true)]
    [InlineData(nameof(CatalogOptions.CompactScanCandidateFactor), 0, false)]
    [InlineData(nameof(CatalogOptions.CompactScanCandidateFactor), 1024, true)]
    [InlineData(nameof(CatalogOptions.CompactScanCandidateFactor), 1025, false)]
    [InlineData(nameof(CatalogOptions.CompactScanBits), 4, true)]
    [InlineData(nameof(CatalogOptions.CompactScanBits), 8, true)]
    [InlineData(nameof(CatalogOptions.CompactScanBits), 5, false)]
    [InlineData(nameof(CatalogOptions.CompactScanBits), 16, false)]
    [InlineData(nameof(CatalogOptions.ApproximateScanMinRows), 1, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanMinRows), 0, false)]
    [InlineData(nameof(CatalogOptions.ApproximateScanMinRows), int.MaxValue, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanListRows), 16, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanListRows), 15, false)]
    [InlineData(nameof(CatalogOptions.ApproximateScanListRows), 1_000_000, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanListRows), 1_000_001, false)]
    [InlineData(nameof(CatalogOptions.ApproximateScanProbes), 1, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanProbes), 0, false)]
    [InlineData(nameof(CatalogOptions.ApproximateScanProbes), 1_000_000, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanProbes), 1_000_001, false)]
    [InlineData(nameof(CatalogOptions.ApproximateScanBits), 4, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanBits), 8, true)]
    [InlineData(nameof(CatalogOptions.ApproximateScanBits), 6, false)]
    public void Counts_stay_within_their_bounds(string setting, int value, bool valid)
    {
        var options = new CatalogOptions();
        typeof(CatalogOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new CatalogOptionsValidator(), options, $"Seed:Catalog:{setting}", valid);
    }

    [Theory]
    [InlineData(nameof(CatalogOptions.CentroidCacheDuration), 0L, true)]
    [InlineData(nameof(CatalogOptions.CentroidCacheDuration), -1L, false)]
    [InlineData(nameof(CatalogOptions.CentroidCacheDuration), long.MaxValue, true)]
    [InlineData(nameof(CatalogOptions.InteractionFlushInterval), 1L, true)]
    [InlineData(nameof(CatalogOptions.InteractionFlushInterval), 0L, false)]
    [InlineData(nameof(CatalogOptions.InteractionFlushInterval), long.MaxValue, true)]
    public void Durations_stay_within_their_bounds(string setting, long ticks, bool valid)
    {
        var options = new CatalogOptions();
        typeof(CatalogOptions).GetProperty(setting)!.SetValue(options, TimeSpan.FromTicks(ticks));

        OptionsAssert.Rule(new CatalogOptionsValidator(), options, $"Seed:Catalog:{setting}", valid);
    }

    [Theory]
    [InlineData(0.05, true)]
    [InlineData(1.0, true)]
    [InlineData(0.0, false)]
    [InlineData(1.5, false)]
    public void The_upsert_duty_cycle_is_a_share_of_time(double value, bool valid) =>
        OptionsAssert.Rule(new CatalogOptionsValidator(), new CatalogOptions { UpsertDutyCycle = value }, "Seed:Catalog:UpsertDutyCycle", valid);

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.02, true)]
    [InlineData(1.0, true)]
    [InlineData(-0.01, false)]
    [InlineData(1.5, false)]
    [InlineData(double.NaN, false)]
    public void The_co_like_floor_is_a_weighted_count_from_0_to_1(double value, bool valid) =>
        OptionsAssert.Rule(new CatalogOptionsValidator(), new CatalogOptions { ApproximateScanCoLikeFloor = value }, "Seed:Catalog:ApproximateScanCoLikeFloor", valid);

    [Fact]
    public void The_message_states_the_setting_and_its_range()
    {
        var result = new CatalogOptionsValidator().Validate(null, new CatalogOptions { ShardCount = 0 });

        Assert.Contains("Seed:Catalog:ShardCount must be between 1 and 4096.", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
