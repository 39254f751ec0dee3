using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Seed.Cluster.Tests;

/// <summary>
/// Drives a steady event stream through the REST API with several concurrent writers. A batch that is not
/// acknowledged is resent unchanged (same event ids) until it is, as a real client would; every acknowledged id and
/// every failed attempt (status, time, latency) is recorded for the assertions.
/// </summary>
public sealed class EventStream(Uri baseAddress, int users, int items, int writers, int batchSize, string prefix)
{
    private readonly ConcurrentBag<string> _acknowledged = [];
    private readonly ConcurrentBag<Attempt> _failures = [];
    private readonly Stopwatch _clock = new();
    private long _requests;
    private double _maxLatencySeconds;

    public IReadOnlyCollection<string> Acknowledged => _acknowledged;

    public IReadOnlyCollection<Attempt> Failures => _failures;

    public long Requests => Interlocked.Read(ref _requests);

    public double MaxLatencySeconds => _maxLatencySeconds;

    /// <summary>Seconds since the stream started (the time base of <see cref="Attempt.At"/>).</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public static string UserId(int index) => $"user-{index}";

    public static string ItemId(int index) => $"item-{index}";

    /// <summary>Runs until <paramref name="stop"/> is cancelled; a batch in retry is finished first (up to a cap).</summary>
    public Task RunAsync(CancellationToken stop)
    {
        _clock.Start();
        return Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(() => WriteLoopAsync(writer, stop))));
    }

    private async Task WriteLoopAsync(int writer, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var random = new Random(writer);
        var baseTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var batchNumber = 0; !stop.IsCancellationRequested; batchNumber++)
        {
            var events = new JsonArray();
            var ids = new List<string>(batchSize);
            for (var k = 0; k < batchSize; k++)
            {
                var id = $"{prefix}-w{writer}-b{batchNumber}-e{k}";
                ids.Add(id);
                var isSearch = random.Next(5) == 0;
                var item = new JsonObject
                {
                    ["eventId"] = id,
                    ["userId"] = UserId(random.Next(users)),
                    ["type"] = isSearch ? "search" : "view",
                    ["timestamp"] = baseTime.AddSeconds((batchNumber * batchSize) + k).ToString("O"),
                };
                if (isSearch)
                {
                    item["text"] = $"query {random.Next(20)}";
                }
                else
                {
                    item["itemId"] = ItemId(random.Next(items));
                }

                events.Add(item);
            }

            var body = new JsonObject { ["events"] = events }.ToJsonString();

            // Resend the identical batch until acknowledged; give up only well after the stream was told to stop.
            var giveUp = Stopwatch.StartNew();
            while (true)
            {
                var started = Now;
                HttpStatusCode? status = null;
                string? error = null;
                try
                {
                    using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(new Uri("/v1/events", UriKind.Relative), content, CancellationToken.None);
                    status = response.StatusCode;
                    if (status == HttpStatusCode.Accepted)
                    {
                        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None);
                        foreach (var id in answer!["eventIds"]!.AsArray())
                        {
                            _acknowledged.Add(id!.GetValue<string>());
                        }
                    }
                    else
                    {
                        var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                        error = text.Length > 300 ? text[..300] : text;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                }

                var latency = Now - started;
                Interlocked.Increment(ref _requests);
                lock (_failures)
                {
                    _maxLatencySeconds = Math.Max(_maxLatencySeconds, latency);
                }

                if (status == HttpStatusCode.Accepted)
                {
                    break;
                }

                _failures.Add(new Attempt(started, latency, status, error));
                if (giveUp.Elapsed > TimeSpan.FromSeconds(120))
                {
                    return;
                }

                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>A failed attempt: when it started (stream seconds), how long it took, the HTTP status (null: no answer).</summary>
    public sealed record Attempt(double At, double LatencySeconds, HttpStatusCode? Status, string? Error);
}
