using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Tests;

/// <summary>The REST target's requests as a server receives them, over loopback HTTP.</summary>
public sealed class HttpLoadTargetTests
{
    [Fact]
    public async Task Events_go_as_a_json_body_with_its_length_and_without_null_fields()
    {
        using var server = new OneRequestServer();
        await using var target = new HttpLoadTarget(server.BaseAddress, maxConnections: 1);
        var time = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var send = target.SendEventsAsync(
            [new LoadEvent("e1", "u1", "purchase", "item-7", null, time), new LoadEvent("e2", "u1", "rating", "item-8", null, time, 4.5f)],
            CancellationToken.None);
        var request = await server.ReceiveAsync(HttpStatusCode.Accepted);
        await send;

        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/events", request.Path);
        // A length, not chunked transfer encoding: what a browser's fetch sends for a string body.
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body), request.ContentLength);
        Assert.Null(request.TransferEncoding);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        using var body = JsonDocument.Parse(request.Body);
        var events = body.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal("e1", events[0].GetProperty("eventId").GetString());
        Assert.Equal("u1", events[0].GetProperty("userId").GetString());
        Assert.Equal("purchase", events[0].GetProperty("type").GetString());
        Assert.Equal("item-7", events[0].GetProperty("itemId").GetString());
        Assert.Equal(time, events[0].GetProperty("timestamp").GetDateTimeOffset());
        Assert.False(events[0].TryGetProperty("text", out _));
        Assert.False(events[0].TryGetProperty("rating", out _));
        Assert.Equal(4.5f, events[1].GetProperty("rating").GetSingle());
    }

    [Fact]
    public async Task A_refused_batch_fails_with_the_status_and_the_servers_answer()
    {
        using var server = new OneRequestServer();
        await using var target = new HttpLoadTarget(server.BaseAddress, maxConnections: 1);

        var send = target.SendEventsAsync([new LoadEvent("e1", "u1", "view", "item-1", null, DateTimeOffset.UtcNow)], CancellationToken.None);
        await server.ReceiveAsync(HttpStatusCode.BadRequest, """{"errors":{"events[0].itemId":["Unknown item"]}}""");

        var error = await Assert.ThrowsAsync<LoadOperationException>(() => send);
        Assert.Equal("http-400", error.Kind);
        Assert.Contains("Unknown item", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback HTTP server that answers one request and hands it to the test.</summary>
    private sealed class OneRequestServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public OneRequestServer()
        {
            BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            _listener.Prefixes.Add(BaseAddress.ToString());
            _listener.Start();
        }

        public Uri BaseAddress { get; }

        public async Task<ReceivedRequest> ReceiveAsync(HttpStatusCode status, string answer = "{}")
        {
            var context = await _listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30));
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var received = new ReceivedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.ContentLength64,
                context.Request.Headers["Transfer-Encoding"],
                context.Request.ContentType,
                await reader.ReadToEndAsync());
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
            return received;
        }

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }

    private sealed record ReceivedRequest(string Method, string Path, long ContentLength, string? TransferEncoding, string? ContentType, string Body);
}
