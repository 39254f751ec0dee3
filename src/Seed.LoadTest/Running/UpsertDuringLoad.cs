using System.Diagnostics;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Running;

/// <summary>
/// <c>--upsert-during N</c>: once the warm-up is over, upserts N new items while the load runs, and marks the runner's
/// phase <see cref="During"/> until the upsert returns and <see cref="After"/> from then on, so the same run gives the
/// load's latencies during a bulk upsert and in the steady state after it, and the upsert's own items per second.
/// </summary>
public sealed class UpsertDuringLoad(ILoadTarget target, IReadOnlyList<LoadItem> items, LoadRunner runner)
{
    public const string During = "during-upsert";
    public const string After = "after-upsert";

    private readonly Stopwatch _upsert = new();

    public int ItemCount => items.Count;

    /// <summary>How long the upsert has run (all of it once <see cref="Finished"/>).</summary>
    public TimeSpan Elapsed => _upsert.Elapsed;

    public bool Finished { get; private set; }

    /// <summary>The first line of the upsert's failure; null when it succeeded or still runs.</summary>
    public string? Failure { get; private set; }

    /// <summary>Waits out <paramref name="warmup"/>, then upserts; a failure is kept for the report, not thrown.</summary>
    public async Task RunAsync(TimeSpan warmup, CancellationToken cancellationToken)
    {
        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        runner.Phase = During;
        _upsert.Start();
        try
        {
            await target.UpsertItemsAsync(items, cancellationToken).ConfigureAwait(false);
            Finished = true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Failure = exception.Message.Split('\n')[0];
        }
        finally
        {
            _upsert.Stop();
            runner.Phase = After;
        }
    }
}
