using Seed.Persistence.Postgres;
using Seed.Testing;

namespace Seed.Api.Tests;

/// <summary>The rules the silo checks at start for <c>Seed:Storage</c>.</summary>
public sealed class SeedStorageOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(new SeedStorageOptionsValidator().Validate(null, new SeedStorageOptions()).Succeeded);

    [Theory]
    [InlineData("Memory", true)]
    [InlineData("memory", true)]
    [InlineData("PostgreSQL", true)]
    [InlineData("postgres", true)]
    [InlineData("Postgress", false)]
    [InlineData("", false)]
    public void The_provider_is_one_of_the_two_known_names(string provider, bool valid)
    {
        // A misspelt durable provider used to run on the volatile in-memory log without a word.
        OptionsAssert.Rule(new SeedStorageOptionsValidator(), new SeedStorageOptions { Provider = provider }, "Seed:Storage:Provider", valid);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(int.MaxValue, true)]
    public void At_least_one_event_goes_in_a_group_commit(int value, bool valid)
    {
        OptionsAssert.Rule(
            new SeedStorageOptionsValidator(), new SeedStorageOptions { MaxAppendBatchEvents = value }, "Seed:Storage:MaxAppendBatchEvents", valid);
    }

    [Fact]
    public void The_connection_name_and_append_mode_are_checked()
    {
        OptionsAssert.Rule(new SeedStorageOptionsValidator(), new SeedStorageOptions { ConnectionName = " " }, "Seed:Storage:ConnectionName", valid: false);
        OptionsAssert.Rule(new SeedStorageOptionsValidator(), new SeedStorageOptions { AppendMode = EventAppendMode.Copy }, "Seed:Storage:AppendMode", valid: true);
        OptionsAssert.Rule(new SeedStorageOptionsValidator(), new SeedStorageOptions { AppendMode = (EventAppendMode)7 }, "Seed:Storage:AppendMode", valid: false);
    }
}
