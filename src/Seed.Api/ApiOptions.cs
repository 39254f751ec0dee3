using Seed.Abstractions.Configuration;

namespace Seed.Api;

/// <summary>
/// Input limits of the REST API, section <c>Seed:Api</c>. Requests outside them get HTTP 400. The host checks the rules
/// below (<see cref="ApiOptionsValidator"/>) when it starts: a length, batch or K limit under 1 would refuse
/// every request.
/// </summary>
public sealed class ApiOptions
{
    public const string SectionName = "Seed:Api";

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxIdLength must be at least {1}.")]
    public int MaxIdLength { get; set; } = 128;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxTextLength must be at least {1}.")]
    public int MaxTextLength { get; set; } = Seed.Abstractions.Events.EventLimits.DefaultMaxTextLength;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxTitleLength must be at least {1}.")]
    public int MaxTitleLength { get; set; } = 512;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxEventsPerBatch must be at least {1}.")]
    public int MaxEventsPerBatch { get; set; } = 1000;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxItemsPerBatch must be at least {1}.")]
    public int MaxItemsPerBatch { get; set; } = 1000;

    /// <summary>0 accepts none (requests that carry any are refused).</summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = SectionName + ":MaxLabelsPerItem must not be negative.")]
    public int MaxLabelsPerItem { get; set; } = 64;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxLabelLength must be at least {1}.")]
    public int MaxLabelLength { get; set; } = 64;

    /// <summary>0 accepts none (requests that carry any are refused).</summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = SectionName + ":MaxContextEntries must not be negative.")]
    public int MaxContextEntries { get; set; } = 16;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxContextValueLength must be at least {1}.")]
    public int MaxContextValueLength { get; set; } = 256;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxK must be at least {1}.")]
    public int MaxK { get; set; } = 200;

    /// <summary>How far in the future an event timestamp may be (client clock skew) before it is refused.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration,
        ErrorMessage = SectionName + ":MaxClockSkew must not be negative.")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
