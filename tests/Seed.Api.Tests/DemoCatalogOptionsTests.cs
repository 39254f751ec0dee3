using Seed.Silo.DemoCatalog;
using Seed.Testing;

namespace Seed.Api.Tests;

/// <summary>The rules the silo checks at start for <c>Seed:DemoCatalog</c>: each bound, and one step past it.</summary>
public sealed class DemoCatalogOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(new DemoCatalogOptionsValidator().Validate(null, new DemoCatalogOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(DemoCatalogOptions.TagsPerItem), 0, true)]
    [InlineData(nameof(DemoCatalogOptions.TagsPerItem), -1, false)]
    [InlineData(nameof(DemoCatalogOptions.BatchSize), 1, true)]
    [InlineData(nameof(DemoCatalogOptions.BatchSize), 0, false)]
    [InlineData(nameof(DemoCatalogOptions.BatchSize), int.MaxValue, true)]
    public void Counts_stay_within_their_bounds(string setting, int value, bool valid)
    {
        var options = new DemoCatalogOptions();
        typeof(DemoCatalogOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new DemoCatalogOptionsValidator(), options, $"Seed:DemoCatalog:{setting}", valid);
    }
}
