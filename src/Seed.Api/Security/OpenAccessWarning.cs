using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Seed.Api.Security;

/// <summary>
/// Says at start, once, that the API is open when <c>Seed:Auth:Enabled</c> is off (the Development default), so that
/// an operator who copied the development command to a server sees it in the first lines of the log.
/// </summary>
public sealed class OpenAccessWarning(IOptions<AuthOptions> options, ILogger<OpenAccessWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled)
        {
            logger.LogWarning(
                "Authentication is off ({Section}:Enabled=false, the Development default): anyone who reaches this port can read, change " +
                "and erase every user and open the dashboard. Keep it on loopback; see docs/SECURITY.md.", AuthOptions.SectionName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
