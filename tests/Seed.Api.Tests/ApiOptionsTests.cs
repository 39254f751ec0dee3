using Seed.Testing;

namespace Seed.Api.Tests;

/// <summary>The rules both hosts check at start for <c>Seed:Api</c>: each bound, and one step past it.</summary>
public sealed class ApiOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions()).Succeeded);

    /// <summary>Limits every request meets start at 1; limits on optional lists (labels, context) may be 0.</summary>
    public static TheoryData<string, int, bool> LimitCases()
    {
        var cases = new TheoryData<string, int, bool>();
        foreach (string setting in (string[])["MaxIdLength", "MaxTextLength", "MaxTitleLength", "MaxEventsPerBatch", "MaxItemsPerBatch", "MaxLabelLength", "MaxContextValueLength", "MaxK"])
        {
            cases.Add(setting, 1, true);
            cases.Add(setting, 0, false);
            cases.Add(setting, int.MaxValue, true);
        }

        foreach (string setting in (string[])["MaxLabelsPerItem", "MaxContextEntries"])
        {
            cases.Add(setting, 0, true);
            cases.Add(setting, -1, false);
            cases.Add(setting, int.MaxValue, true);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(LimitCases))]
    public void Limits_stay_within_their_bounds(string setting, int value, bool valid)
    {
        var options = new ApiOptions();
        typeof(ApiOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new ApiOptionsValidator(), options, $"Seed:Api:{setting}", valid);
    }

    [Theory]
    [InlineData(nameof(ApiOptions.MaxClockSkew), 0L, true)]
    [InlineData(nameof(ApiOptions.MaxClockSkew), -1L, false)]
    [InlineData(nameof(ApiOptions.MaxClockSkew), long.MaxValue, true)]
    public void Durations_stay_within_their_bounds(string setting, long ticks, bool valid)
    {
        var options = new ApiOptions();
        typeof(ApiOptions).GetProperty(setting)!.SetValue(options, TimeSpan.FromTicks(ticks));

        OptionsAssert.Rule(new ApiOptionsValidator(), options, $"Seed:Api:{setting}", valid);
    }
}
