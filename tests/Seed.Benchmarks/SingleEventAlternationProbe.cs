using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Seed.Benchmarks;

/// <summary>
/// The calls of <see cref="SingleEventBenchmarks"/> (an empty grain call, the same carrying an event, one known-item
/// purchase and one event of the load harness's mix, 64 callers through the gateway) in alternating turns within one
/// process, so that all see the same speed of the host. Not a BenchmarkDotNet benchmark: BenchmarkDotNet measures one
/// call's iterations, then the next one's minutes later, and on a shared host whose speed drifts by a fifth within
/// minutes their ratio then moves more than a change to the event path does. Prints, per call, the median time per
/// operation over the turns, the bytes allocated and the process CPU time per operation (all threads, the runtime's
/// included), and the events' ratios to the empty calls. The same setup also sends the events alone, for a sampling
/// profiler (<see cref="RunEventsOnlyAsync"/>).
/// </summary>
public static class SingleEventAlternationProbe
{
    /// <summary>
    /// Benchmark calls per turn (each <see cref="SingleEventBenchmarks.Callers"/> operations, one event per user): the
    /// users' snapshot interval in events, so that every turn of events holds one snapshot write per user. With half of
    /// it, the writes all fell in every other turn of events, and so always in the same one of the two kinds of event.
    /// </summary>
    private const int CallsPerTurn = SingleEventBenchmarks.EventsPerSnapshot;

    /// <summary>Unrecorded calls of each kind first: activations, JIT tiering, the users' windows and the shards' counts filling.</summary>
    private const int WarmUpCalls = 300;

    public static Task<int> RunAsync(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        return RunWarmAsync("--single-event-alternation", warmEmptyCalls: true, async benchmarks =>
        {
            var settle = benchmarks.SettleReportsAsync;
            var empty = new Turns("empty grain call", benchmarks.EmptyCall, settle);
            var carrying = new Turns("empty, carrying event", benchmarks.EmptyCallCarryingEvent, settle);
            var singleEvent = new Turns("one known-item event", benchmarks.SingleEvent, settle);
            var shopMix = new Turns("one event, shop mix", benchmarks.ShopMixEvent, settle);
            Turns[] calls = [empty, carrying, singleEvent, shopMix];
            for (var round = 0; round < rounds; round++)
            {
                foreach (var call in calls)
                {
                    await call.RunAsync();
                }
            }

            Console.WriteLine($"{rounds} rounds of {CallsPerTurn} calls each, {SingleEventBenchmarks.Callers} callers, alternating");
            foreach (var call in calls)
            {
                call.Print();
            }

            PrintRatio("event / empty call", singleEvent, empty);
            PrintRatio("event / carrying call", singleEvent, carrying);
            PrintRatio("shop mix / empty call", shopMix, empty);
        });
    }

    /// <summary>
    /// Sends only <see cref="SingleEventBenchmarks.SingleEvent"/> calls for <paramref name="seconds"/> after the warm-up,
    /// so that a sampling profiler attached in between sees the event path alone (the process id and a line when the
    /// warm-up is over go to the console). Prints the operations sent and the time and process CPU per operation.
    /// </summary>
    public static Task<int> RunEventsOnlyAsync(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        return RunWarmAsync("--single-event-profile", warmEmptyCalls: false, async benchmarks =>
        {
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warmed up; process {Environment.ProcessId} sends single events for {seconds} s"));
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long calls = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                await benchmarks.SingleEvent();
                calls++;
            }

            process.Refresh();
            var operations = calls * SingleEventBenchmarks.Callers;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{operations} events, {clock.Elapsed.TotalMicroseconds / operations:F2} μs/op, CPU {(process.TotalProcessorTime - cpuBefore).TotalMicroseconds / operations:F2} μs/op"));
        });
    }

    private static void PrintRatio(string name, Turns measured, Turns baseline) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: time {measured.MedianMicroseconds / baseline.MedianMicroseconds:F2}x, CPU {measured.CpuMicroseconds / baseline.CpuMicroseconds:F2}x"));

    /// <summary>Sets up <see cref="SingleEventBenchmarks"/> under server GC, makes the unrecorded calls, runs <paramref name="measure"/>, cleans up.</summary>
    private static async Task<int> RunWarmAsync(string option, bool warmEmptyCalls, Func<SingleEventBenchmarks, Task> measure)
    {
        if (!GCSettings.IsServerGC)
        {
            // SingleEventBenchmarks runs under server GC, as the silo does (ASP.NET Core hosts default to it).
            Console.Error.WriteLine($"{option} measures under server GC, as the silo runs: set DOTNET_gcServer=1.");
            return 2;
        }

        var benchmarks = new SingleEventBenchmarks();
        await benchmarks.SetupAsync();
        try
        {
            for (var call = 0; call < WarmUpCalls; call++)
            {
                if (warmEmptyCalls)
                {
                    await benchmarks.EmptyCall();
                    await benchmarks.EmptyCallCarryingEvent();
                    await benchmarks.ShopMixEvent();
                }

                await benchmarks.SingleEvent();
            }

            await measure(benchmarks);
            return 0;
        }
        finally
        {
            await benchmarks.CleanupAsync();
        }
    }

    /// <summary>
    /// One call's turns: wall time per operation of each, and bytes and process CPU summed over all. Each turn ends with
    /// <paramref name="settle"/> (once per turn, not per call), so the shards' counting of a turn's events is timed in
    /// that turn and not in the next call's.
    /// </summary>
    private sealed class Turns(string name, Func<Task> call, Func<Task> settle)
    {
        private readonly List<double> _microsecondsPerOperation = [];
        private long _bytes;
        private TimeSpan _cpu;

        public double MedianMicroseconds => _microsecondsPerOperation.Order().ElementAt(_microsecondsPerOperation.Count / 2);

        public double CpuMicroseconds => _cpu.TotalMicroseconds / Operations;

        private long Operations => (long)_microsecondsPerOperation.Count * CallsPerTurn * SingleEventBenchmarks.Callers;

        public async Task RunAsync()
        {
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: false);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < CallsPerTurn; i++)
            {
                await call();
            }

            await settle();
            var elapsed = clock.Elapsed;
            _bytes += GC.GetTotalAllocatedBytes(precise: false) - bytesBefore;
            process.Refresh();
            _cpu += process.TotalProcessorTime - cpuBefore;
            _microsecondsPerOperation.Add(elapsed.TotalMicroseconds / (CallsPerTurn * SingleEventBenchmarks.Callers));
        }

        public void Print() => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} median {MedianMicroseconds,6:F2} μs/op   {_bytes / (double)Operations,6:F0} B/op   CPU {CpuMicroseconds,6:F2} μs/op"));
    }
}
