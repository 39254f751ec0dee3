using Seed.Abstractions.Configuration;

namespace Seed.Api.Security;

/// <summary>
/// Section <c>Seed:RateLimits</c>: a token bucket per caller (the API key's or token's name; the client address for
/// anonymous requests), one for writes (events, items, erase) and one for reads, so that a flood of reads cannot
/// starve a caller's writes nor the reverse. A request over budget gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Seed:RateLimits";

    /// <summary>Off for load tests that measure the cluster rather than the limiter.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a caller's buckets are refilled (by <see cref="WritesPerPeriod"/> and <see cref="ReadsPerPeriod"/>).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.001", SettingRangeAttribute.MaxDuration,
        ErrorMessage = SectionName + ":Period must be at least one millisecond.")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Write requests a caller may sustain per period (one request may carry a batch of up to 1,000 events).</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":WritesPerPeriod must be at least {1}.")]
    public int WritesPerPeriod { get; set; } = 200;

    /// <summary>Write requests a caller may make at once after being idle.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":WriteBurst must be at least {1}.")]
    public int WriteBurst { get; set; } = 400;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":ReadsPerPeriod must be at least {1}.")]
    public int ReadsPerPeriod { get; set; } = 1000;

    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":ReadBurst must be at least {1}.")]
    public int ReadBurst { get; set; } = 2000;
}
