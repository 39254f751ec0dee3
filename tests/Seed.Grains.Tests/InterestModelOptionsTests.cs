using Seed.Grains.Users;
using Seed.Testing;

namespace Seed.Grains.Tests;

/// <summary>The rule the silo checks at start for <c>Seed:InterestModel</c>.</summary>
public sealed class InterestModelOptionsTests
{
    [Theory]
    [InlineData("models/interest-lstm", true)]
    [InlineData("/no/such/folder", true)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData(null, false)]
    public void The_path_must_not_be_empty(string? path, bool valid)
    {
        var options = new InterestModelOptions { Path = path! };

        OptionsAssert.Rule(new InterestModelOptionsValidator(), options, "Seed:InterestModel:Path", valid);
    }

    [Theory]
    [InlineData("00:00:05", true)]
    [InlineData("00:00:00.100", true)]
    [InlineData("00:00:00", false)]
    [InlineData("-00:00:01", false)]
    public void The_sync_interval_must_be_positive(string interval, bool valid)
    {
        var options = new InterestModelOptions { SyncInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        OptionsAssert.Rule(new InterestModelOptionsValidator(), options, "Seed:InterestModel:SyncInterval", valid);
    }
}
