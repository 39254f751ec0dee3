namespace Seed.LoadTest.Monitoring;

/// <summary>The silo process's resident memory at one second of the run (seconds from the start of the load).</summary>
public sealed record MemoryPoint(double Second, double RssMegabytes, bool Idle);
