using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Seed.Api.Tests.Security;

/// <summary>
/// A chunked body declares no length, so the server stops it only once it has read past the limit, and the exception
/// handler answers: that 413 must still be problem details and still carry every security header.
/// </summary>
public sealed class ChunkedBodyLimitTests(KestrelSecuredApiFactory factory) : IClassFixture<KestrelSecuredApiFactory>
{
    private const int DefaultLimit = 1024 * 1024;

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_with_the_security_headers()
    {
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        // Without the redirect handler, which buffers a request body to be able to resend it and so gives it a length.
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false });
        using var request = ProtectedEndpoint.Named("events").Request(SecuredApiFactory.WriterKey);
        // A stream that cannot tell its length is sent chunked: no Content-Length for the middleware to refuse up front.
        var body = new Pipe();
        body.Writer.Write(Encoding.UTF8.GetBytes("{\"events\":[" + new string(' ', DefaultLimit) + "]}"));
        await body.Writer.CompleteAsync();
        request.Content = new StreamContent(body.Reader.AsStream());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Resource-Policy")));
    }
}
