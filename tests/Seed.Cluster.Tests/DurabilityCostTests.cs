using System.Diagnostics;
using Xunit.Abstractions;

namespace Seed.Cluster.Tests;

/// <summary>
/// What durability costs, measured in one run on one machine: the same event stream against a single silo with
/// in-memory storage, with the PostgreSQL log (unnest group commit, binary COPY group commit), and the stored size
/// of user snapshots with the Orleans binary codec versus the provider's default JSON serializer.
/// </summary>
public sealed class DurabilityCostTests(ITestOutputHelper output)
{
    private const int Users = 200;
    private const int Items = 40;
    private static readonly TimeSpan StreamDuration = TimeSpan.FromSeconds(6);

    [PostgresFact]
    public async Task Durable_and_in_memory_event_throughput_and_state_sizes_are_measured()
    {
        var memory = await RunAsync("in-memory (Memory storage, volatile log)", database: null);

        await using var unnestDb = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        var unnest = await RunAsync("PostgreSQL log, unnest group commit, binary snapshots", unnestDb);
        var binaryBytes = await AverageUserStateBytesAsync(unnestDb);

        await using var copyDb = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        var copy = await RunAsync("PostgreSQL log, binary COPY group commit, binary snapshots", copyDb, "--Seed:Storage:AppendMode=Copy");

        await using var jsonDb = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        var json = await RunAsync("PostgreSQL log, unnest group commit, JSON snapshots (provider default)", jsonDb,
            "--Orleans:GrainStorage:users:SerializerKey=");
        var jsonBytes = await AverageUserStateBytesAsync(jsonDb);

        output.WriteLine("| configuration | events acknowledged | events/s |");
        output.WriteLine("|---|---|---|");
        foreach (var run in new[] { memory, unnest, copy, json })
        {
            output.WriteLine($"| {run.Name} | {run.Events} | {run.EventsPerSecond:F0} |");
        }

        output.WriteLine($"user snapshot size: binary {binaryBytes.Average:F0} B (n={binaryBytes.Count}), JSON {jsonBytes.Average:F0} B (n={jsonBytes.Count}), ratio {jsonBytes.Average / binaryBytes.Average:F2}");
        var groups = await unnestDb.ScalarAsync<long>("SELECT count(DISTINCT logged_at) FROM seed_event_log");
        output.WriteLine($"unnest run: {unnest.Events} events in {groups} group commits (distinct commit timestamps), {(double)unnest.Events / groups:F1} events per round trip");

        Assert.True(unnest.Events > 0 && copy.Events > 0 && memory.Events > 0 && json.Events > 0);
        Assert.True(binaryBytes.Average < jsonBytes.Average, "the binary codec should store user state more compactly than JSON");
    }

    private async Task<Run> RunAsync(string name, TestDatabase? database, params string[] extraArgs)
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
        Assert.Empty(stream.Failures);
        var run = new Run(name, stream.Acknowledged.Count, stream.Acknowledged.Count / elapsed);
        output.WriteLine($"{name}: {run.Events} events in {elapsed:F1} s = {run.EventsPerSecond:F0} events/s");
        return run;
    }

    private static async Task<(double Average, long Count)> AverageUserStateBytesAsync(TestDatabase database)
    {
        var rows = await database.QueryAsync(
            "SELECT octet_length(payloadbinary) FROM orleansstorage WHERE graintypestring = 'user' AND payloadbinary IS NOT NULL",
            reader => (double)reader.GetInt32(0));
        return (rows.Count == 0 ? double.NaN : rows.Average(), rows.Count);
    }

    private sealed record Run(string Name, int Events, double EventsPerSecond);
}
