namespace Seed.LoadTest.Running;

/// <summary>One second of one operation: throughput and latency percentiles in milliseconds.</summary>
public sealed record TimelinePoint(double Second, double ThroughputPerSec, double P50Ms, double P99Ms, bool Measured);
