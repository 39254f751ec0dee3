using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Grains.Users;

namespace Seed.Grains.Models;

/// <summary>
/// Keeps this silo on the cluster's deployed model: once the silo is active it asks the model registry at start and
/// every <see cref="InterestModelOptions.SyncInterval"/>, and loads a deployed version it does not serve yet. A
/// version it cannot load is reported once (the running model stays) and tried again on later polls, so a folder
/// copied late to this machine is still picked up.
/// </summary>
public sealed class InterestModelSync(
    IGrainFactory grains,
    IServiceProvider services,
    IOptions<InterestModelOptions> options,
    TimeProvider timeProvider,
    ILogger<InterestModelSync> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly SemaphoreSlim _syncLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _polling = Task.CompletedTask;
    private string? _reportedError;

    /// <summary>
    /// Resolved on first use, not injected: the silo builds its lifecycle participants before the host validates
    /// options, and building the provider then would load the encoder ahead of that check and hide its report.
    /// </summary>
    private InterestModelProvider Provider => field ??= services.GetRequiredService<InterestModelProvider>();

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(InterestModelSync), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    /// <summary>
    /// Asks the registry now and loads its model when this silo serves another one; concurrent callers share one load.
    /// Returns the version served afterwards.
    /// </summary>
    public async Task<string> SyncNowAsync(CancellationToken cancellationToken)
    {
        await _syncLock.WaitAsync(cancellationToken);
        try
        {
            var deployment = await grains.GetGrain<IModelRegistryGrain>(0).GetDeploymentAsync();
            if (deployment is null || deployment.Version == Provider.Current.Version)
            {
                return Provider.Current.Version;
            }

            var result = Provider.TryLoad(deployment.Path, deployment.Version, out var model);
            if (result.Loaded)
            {
                Provider.Use(model!);
                _reportedError = null;
            }
            else if (result.Error != _reportedError)
            {
                _reportedError = result.Error;
                logger.LogWarning("Deployed interest model {Version} not loaded on this silo, running model {Running} kept: {Error}",
                    deployment.Version, result.Version, result.Error);
            }

            return Provider.Current.Version;
        }
        finally
        {
            _syncLock.Release();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _syncLock.Dispose();
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _polling = PollAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _polling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SyncNowAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The registry's silo may be starting or gone; the next poll asks again.
                logger.LogDebug(ex, "Model registry not reachable; retrying in {Interval}", options.Value.SyncInterval);
            }

            await Task.Delay(options.Value.SyncInterval, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
