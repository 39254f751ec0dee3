namespace Seed.Api;

/// <summary>Input limits of the REST API, section <c>Seed:Api</c>. Requests outside them get HTTP 400.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Seed:Api";

    public int MaxIdLength { get; set; } = 128;

    public int MaxTextLength { get; set; } = Seed.Abstractions.Events.EventLimits.DefaultMaxTextLength;

    public int MaxTitleLength { get; set; } = 512;

    public int MaxEventsPerBatch { get; set; } = 1000;

    public int MaxItemsPerBatch { get; set; } = 1000;

    public int MaxLabelsPerItem { get; set; } = 64;

    public int MaxLabelLength { get; set; } = 64;

    public int MaxContextEntries { get; set; } = 16;

    public int MaxContextValueLength { get; set; } = 256;

    public int MaxK { get; set; } = 200;

    /// <summary>How far in the future an event timestamp may be (client clock skew) before it is refused.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
