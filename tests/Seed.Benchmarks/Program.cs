using BenchmarkDotNet.Running;

// All benchmark classes are discovered by reflection; pick them with --filter (see docs/PERFORMANCE.md).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
