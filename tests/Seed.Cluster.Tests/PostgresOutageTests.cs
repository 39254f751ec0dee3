using System.Net;
using Xunit.Abstractions;

namespace Seed.Cluster.Tests;

/// <summary>
/// PostgreSQL stops (immediate shutdown) in the middle of an event stream and comes back: the API answers 503,
/// never 500 and never hangs, recovers by itself, and every acknowledged event is in the user states afterwards.
/// Uses its own throwaway server so that stopping it cannot disturb other tests.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int Users = 30;
    private const int Items = 30;

    [PostgresFact]
    public async Task A_database_outage_answers_503_and_loses_nothing()
    {
        var bin = ThrowawayPostgres.FindBinaries();
        if (bin is null)
        {
            // xunit 2 has no dynamic skip; say so loudly rather than fail on a machine without the server binaries.
            output.WriteLine("SKIPPED: PostgreSQL server binaries (initdb, pg_ctl) not found; outage test not run.");
            return;
        }

        await using var server = await ThrowawayPostgres.StartAsync(bin);
        await using var database = await TestDatabase.CreateAsync(server.ServerConnectionString);
        using var silo = SeedProcess.StartSilo("silo", database.Name, database.ConnectionString);
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        await ClusterApi.UpsertItemsAsync(silo.BaseAddress, Items);

        var stream = new EventStream(silo.BaseAddress, Users, Items, writers: 3, batchSize: 5, prefix: "outage");
        using var stop = new CancellationTokenSource();
        var running = stream.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var downAt = stream.Now;
        await server.StopImmediateAsync();
        var acknowledgedBefore = stream.Acknowledged.Count;
        await Task.Delay(TimeSpan.FromSeconds(6));
        var upAt = stream.Now;
        await server.StartServerAsync();
        output.WriteLine($"PostgreSQL down from t={downAt:F1}s to t={upAt:F1}s ({acknowledgedBefore} events acknowledged before)");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var lastFailure = stream.Failures.Select(f => f.At + f.LatencySeconds).DefaultIfEmpty(upAt).Max();
            if (stream.Now - lastFailure > 4 && stream.Now > upAt + 4)
            {
                break;
            }
        }

        stop.Cancel();
        await running;

        var byStatus = stream.Failures.GroupBy(f => f.Status?.ToString() ?? "no answer").ToDictionary(g => g.Key, g => g.Count());
        var recoveredAt = stream.Failures.Select(f => f.At + f.LatencySeconds).DefaultIfEmpty(upAt).Max();
        output.WriteLine($"requests: {stream.Requests}, failed attempts: {stream.Failures.Count} ({string.Join(", ", byStatus.Select(p => $"{p.Key}: {p.Value}"))})");
        output.WriteLine($"max request latency {stream.MaxLatencySeconds:F2} s; last failure ended t={recoveredAt:F1}s = {recoveredAt - upAt:F1} s after PostgreSQL was back");
        foreach (var failure in stream.Failures.Where(f => f.Status != HttpStatusCode.ServiceUnavailable).Take(3))
        {
            output.WriteLine($"  non-503 failure t={failure.At:F1}s {failure.Status?.ToString() ?? "no answer"}: {failure.Error}");
        }

        Assert.True(stream.Failures.Count > 0, "the outage was not observed by any request");
        Assert.All(stream.Failures, failure => Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status));
        Assert.True(stream.MaxLatencySeconds < 20, $"a request took {stream.MaxLatencySeconds:F1} s (hang)");
        Assert.Contains(stream.Acknowledged, id => id.Length > 0);

        await ConsistencyCheck.AssertNothingLostAsync(database, silo.BaseAddress, stream, Users, output);
    }
}
