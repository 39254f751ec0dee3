using System.Diagnostics;
using Xunit.Abstractions;

namespace Seed.Cluster.Tests;

/// <summary>
/// Three silo processes and a web process on one PostgreSQL database. Under a steady event stream one silo is
/// SIGKILLed; afterwards nothing acknowledged is missing, membership converges and the outage window is measured.
/// </summary>
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private const int Users = 60;
    private const int Items = 40;

    [PostgresFact]
    public async Task Killing_a_silo_loses_no_acknowledged_event()
    {
        await using var database = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        var clusterId = database.Name;
        var silos = Enumerable.Range(0, 3)
            .Select(i => SeedProcess.StartSilo($"silo{i}", clusterId, database.ConnectionString))
            .ToList();
        using var silo0 = silos[0];
        using var silo1 = silos[1];
        using var silo2 = silos[2];
        await Task.WhenAll(silos.Select(silo => silo.WaitHealthyAsync(TimeSpan.FromSeconds(90))));
        using var web = SeedProcess.StartWeb("web", clusterId, database.ConnectionString);
        await web.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        await ClusterApi.UpsertItemsAsync(web.BaseAddress, Items);

        var stream = new EventStream(web.BaseAddress, Users, Items, writers: 4, batchSize: 5, prefix: "crash");
        using var stop = new CancellationTokenSource();
        var running = stream.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(5));

        var victim = silos[1];
        var killedAt = stream.Now;
        var killWatch = Stopwatch.StartNew();
        victim.Kill();
        output.WriteLine($"SIGKILL {victim.Name} (pid {victim.Id}) at t={killedAt:F1}s after {stream.Acknowledged.Count} acknowledged events");

        // Keep streaming until requests have succeeded for a while after the last failure (at most 90 s).
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(1000);
            var lastFailure = stream.Failures.Select(f => f.At + f.LatencySeconds).DefaultIfEmpty(killedAt).Max();
            if (stream.Now - lastFailure > 8 && stream.Now - killedAt > 15)
            {
                break;
            }
        }

        stop.Cancel();
        await running;

        var failuresAfterKill = stream.Failures.Where(f => f.At >= killedAt - 1).OrderBy(f => f.At).ToList();
        var recovered = failuresAfterKill.Count == 0 ? killedAt : failuresAfterKill.Max(f => f.At + f.LatencySeconds);
        output.WriteLine($"requests: {stream.Requests}, failed attempts: {stream.Failures.Count} " +
            $"({string.Join(", ", stream.Failures.GroupBy(f => f.Status?.ToString() ?? "no answer").Select(g => $"{g.Key}: {g.Count()}"))})");
        output.WriteLine($"recovery window after SIGKILL: {recovered - killedAt:F1} s (last failed request ended {recovered:F1}s, kill at {killedAt:F1}s); max request latency {stream.MaxLatencySeconds:F1} s");
        foreach (var failure in failuresAfterKill.Take(3))
        {
            output.WriteLine($"  e.g. t={failure.At:F1}s {failure.Status?.ToString() ?? "no answer"}: {failure.Error}");
        }

        // Membership: the killed silo is declared dead (status 6) and the other two stay active (status 3).
        var converged = false;
        while (killWatch.Elapsed < TimeSpan.FromSeconds(120) && !converged)
        {
            var statuses = await database.QueryAsync("SELECT status FROM orleansmembershiptable", reader => reader.GetInt32(0));
            converged = statuses.Count(s => s == 6) == 1 && statuses.Count(s => s == 3) == 2;
            if (!converged)
            {
                await Task.Delay(1000);
            }
        }

        output.WriteLine($"membership converged (1 dead, 2 active) {killWatch.Elapsed.TotalSeconds:F1} s after the kill: {converged}");
        Assert.True(converged, "membership did not converge to 1 dead and 2 active silos within 120 s");
        Assert.NotEmpty(stream.Acknowledged);
        Assert.DoesNotContain(stream.Failures, f => f.Status == System.Net.HttpStatusCode.InternalServerError);

        await ConsistencyCheck.AssertNothingLostAsync(database, web.BaseAddress, stream, Users, output);
    }
}
