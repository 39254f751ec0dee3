using BenchmarkDotNet.Running;
using Seed.Benchmarks;

// `--grain-memory N [Memory|None]` measures bytes per active user grain (a heap measurement, see GrainMemoryProbe);
// everything else goes to BenchmarkDotNet, whose classes are picked with --filter (see docs/PERFORMANCE.md).
if (args.Length > 0 && args[0] == "--grain-memory")
{
    var users = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    return await GrainMemoryProbe.RunAsync(users, args.Length > 2 ? args[2] : "Memory");
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
