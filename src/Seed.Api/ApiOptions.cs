using Seed.Abstractions.Configuration;

namespace Seed.Api;

/// <summary>
/// Input limits of the REST API, section <c>Seed:Api</c>. Requests outside them get HTTP 400 (413 for a body over
/// <see cref="MaxRequestBodyBytes"/>, 431 for headers over <see cref="MaxRequestHeadersTotalBytes"/>). The host checks the rules
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

    /// <summary>
    /// Largest request body: a larger declared length is answered 413 before any of it is read, and the server stops
    /// reading a chunked body at this size. 1 MiB holds a full batch of 1,000 events with short texts.
    /// </summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxRequestBodyBytes must be at least {1}.")]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>JSON nesting a body may have; valid bodies nest 4 deep (batch, list, entry, context or labels).</summary>
    [SettingRange(4, 1000, ErrorMessage = SectionName + ":MaxJsonDepth must be between {1} and {2}.")]
    public int MaxJsonDepth { get; set; } = 16;

    /// <summary>Request line excluded; Kestrel answers 431 past it.</summary>
    [SettingRange(1024, int.MaxValue, ErrorMessage = SectionName + ":MaxRequestHeadersTotalBytes must be at least {1}.")]
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>How long a request may take, body upload included, before it is cut off with 504.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", SettingRangeAttribute.MaxDuration,
        ErrorMessage = SectionName + ":RequestTimeout must be at least one second.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
