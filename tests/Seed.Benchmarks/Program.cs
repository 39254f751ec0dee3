using BenchmarkDotNet.Running;
using Seed.Benchmarks;

// `--grain-memory N [Memory|MemoryBinary|None|Durable]` measures bytes per active user grain (a heap measurement, see GrainMemoryProbe);
// `--durability-cost [connection string]` times silo processes with and without PostgreSQL (DurabilityCostProbe);
// `--approximate-scan-recall [store file] [bits] [probes...]` measures the approximate scan's recall (ApproximateScanRecallProbe);
// `--co-like-floor-recall [floors...]` measures what the approximate shards' co-like floor changes (CoLikeFloorRecallProbe);
// `--single-event-alternation [rounds]` times SingleEventBenchmarks' calls in alternating turns (SingleEventAlternationProbe);
// `--single-event-profile [seconds]` sends only its single events, for a sampling profiler to attach to (same class);
// everything else goes to BenchmarkDotNet, whose classes are picked with --filter (see docs/PERFORMANCE.md).
if (args.Length > 0 && args[0] == "--single-event-alternation")
{
    return await SingleEventAlternationProbe.RunAsync(IntArgument(1, 100));
}

if (args.Length > 0 && args[0] == "--single-event-profile")
{
    return await SingleEventAlternationProbe.RunEventsOnlyAsync(IntArgument(1, 30));
}

if (args.Length > 0 && args[0] == "--grain-memory")
{
    var users = IntArgument(1, 100_000);
    return await GrainMemoryProbe.RunAsync(users, args.Length > 2 ? args[2] : "Memory");
}

if (args.Length > 0 && args[0] == "--durability-cost")
{
    var connectionString = args.Length > 1 ? args[1] : Seed.Cluster.Tests.ClusterTestEnvironment.ConnectionString;
    if (connectionString is null)
    {
        Console.Error.WriteLine("--durability-cost needs a PostgreSQL server that may create databases: pass its connection string or set SEED_POSTGRES.");
        return 2;
    }

    return await DurabilityCostProbe.RunAsync(connectionString);
}

if (args.Length > 0 && args[0] == "--approximate-scan-recall")
{
    // The encoder's store file name without ".embeddings", the lists' bits per value, then the probe counts to try.
    var bits = IntArgument(2, 8);
    var probes = args.Length > 3 ? args[3..].Select(value => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [8, 16, 32, 64, 128];
    return ApproximateScanRecallProbe.Run(args.Length > 1 ? args[1] : "potion-base-4M-745d6fa734dc2823", probes, bits);
}

if (args.Length > 0 && args[0] == "--co-like-floor-recall")
{
    var floors = args.Length > 1 ? args[1..].Select(value => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [0, 0.005, 0.01, 0.02, 0.05];
    return Seed.Benchmarks.CoLikeFloorRecallProbe.Run(floors);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

// The integer at args[index] (invariant culture), or fallback when the command line stops before it.
int IntArgument(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
