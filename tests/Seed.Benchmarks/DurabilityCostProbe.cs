using System.Diagnostics;
using System.Globalization;
using Seed.Cluster.Tests;

namespace Seed.Benchmarks;

/// <summary>
/// What durability costs, measured in one run on one machine (not a BenchmarkDotNet job: it times whole silo processes
/// under an HTTP event stream). The same stream runs against a single silo with in-memory storage, with the PostgreSQL
/// log (unnest group commit, binary COPY group commit) and with JSON instead of binary user snapshots; then the stored
/// snapshot sizes of the two codecs and the events per group commit are read back from the database. The silo
/// processes and the event stream are the cluster tests' own helpers (linked source files), so both drive a silo alike.
/// </summary>
public static class DurabilityCostProbe
{
    private const int Users = 200;
    private const int Items = 40;
    private static readonly TimeSpan StreamDuration = TimeSpan.FromSeconds(6);

    /// <summary>Returns the process exit code: 1 when a run lost requests or acknowledged nothing (its figure is then void).</summary>
    public static async Task<int> RunAsync(string serverConnectionString)
    {
        var memory = await RunAsync("in-memory (Memory storage, volatile log)", database: null);

        await using var unnestDb = await TestDatabase.CreateAsync(serverConnectionString);
        var unnest = await RunAsync("PostgreSQL log, unnest group commit, binary snapshots", unnestDb);
        var binaryBytes = await AverageUserStateBytesAsync(unnestDb);
        var groups = await unnestDb.ScalarAsync<long>("SELECT count(DISTINCT logged_at) FROM seed_event_log");

        await using var copyDb = await TestDatabase.CreateAsync(serverConnectionString);
        var copy = await RunAsync("PostgreSQL log, binary COPY group commit, binary snapshots", copyDb, "--Seed:Storage:AppendMode=Copy");

        await using var jsonDb = await TestDatabase.CreateAsync(serverConnectionString);
        var json = await RunAsync("PostgreSQL log, unnest group commit, JSON snapshots (provider default)", jsonDb,
            "--Orleans:GrainStorage:users:SerializerKey=");
        var jsonBytes = await AverageUserStateBytesAsync(jsonDb);

        Run[] runs = [memory, unnest, copy, json];
        Console.WriteLine();
        Console.WriteLine("| configuration | events acknowledged | events/s | failed attempts |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var run in runs)
        {
            Console.WriteLine(Invariant($"| {run.Name} | {run.Events} | {run.EventsPerSecond:F0} | {run.Failures} |"));
        }

        Console.WriteLine(Invariant(
            $"user snapshot size: binary {binaryBytes.Average:F0} B (n={binaryBytes.Count}), JSON {jsonBytes.Average:F0} B (n={jsonBytes.Count}), ratio {jsonBytes.Average / binaryBytes.Average:F2}"));
        Console.WriteLine(Invariant(
            $"unnest run: {unnest.Events} events in {groups} group commits (distinct commit timestamps), {(double)unnest.Events / groups:F1} events per round trip"));

        // A failed attempt was retried, so its time is inside the figure: the throughput then measures the failure.
        var invalid = runs.Where(run => run.Events == 0 || run.Failures > 0).ToList();
        foreach (var run in invalid)
        {
            Console.Error.WriteLine(Invariant($"not a valid measurement: {run.Name}: {run.Events} events, {run.Failures} failed attempts"));
        }

        return invalid.Count == 0 ? 0 : 1;
    }

    private static async Task<Run> RunAsync(string name, TestDatabase? database, params string[] extraArgs)
    {
        using var silo = SeedProcess.StartSilo("silo", database?.Name ?? "mem-" + Guid.NewGuid().ToString("N")[..8], database?.ConnectionString, extraArgs);
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        await ClusterApi.UpsertItemsAsync(silo.BaseAddress, Items);
        var stream = new EventStream(silo.BaseAddress, Users, Items, writers: 8, batchSize: 10, prefix: "cost");
        using var stop = new CancellationTokenSource(StreamDuration);
        var watch = Stopwatch.StartNew();
        await stream.RunAsync(stop.Token);
        var elapsed = watch.Elapsed.TotalSeconds;

        // Graceful stop: user grains deactivate and write their snapshots, which the size comparison reads.
        await silo.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        var run = new Run(name, stream.Acknowledged.Count, stream.Acknowledged.Count / elapsed, stream.Failures.Count);
        Console.WriteLine(Invariant($"{name}: {run.Events} events in {elapsed:F1} s = {run.EventsPerSecond:F0} events/s"));
        return run;
    }

    private static async Task<(double Average, long Count)> AverageUserStateBytesAsync(TestDatabase database)
    {
        var rows = await database.QueryAsync(
            "SELECT octet_length(payloadbinary) FROM orleansstorage WHERE graintypestring = 'user' AND payloadbinary IS NOT NULL",
            reader => (double)reader.GetInt32(0));
        return (rows.Count == 0 ? double.NaN : rows.Average(), rows.Count);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Run(string Name, int Events, double EventsPerSecond, int Failures);
}
