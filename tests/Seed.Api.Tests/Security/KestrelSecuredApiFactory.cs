namespace Seed.Api.Tests.Security;

/// <summary>
/// <see cref="SecuredApiFactory"/> served by Kestrel on a free loopback port instead of the in-memory test server,
/// for what only the real server does: stopping a chunked body at <c>Seed:Api:MaxRequestBodyBytes</c> while it is
/// read (the test server has no per-request body limit).
/// </summary>
public sealed class KestrelSecuredApiFactory : SecuredApiFactory
{
    public KestrelSecuredApiFactory() => UseKestrel(0);
}
