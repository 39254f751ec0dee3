using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Core.Telemetry;
using Seed.Grains.Catalog;
using Seed.Grains.Models;
using Seed.Storage;

namespace Seed.Grains.Users;

/// <summary>
/// One user. An event batch is deduplicated, resolved to vectors (catalog shards, encoder pool), appended to the
/// event log (the acknowledgement point) and applied to the <see cref="UserProfile"/>; the state is written as a
/// snapshot every N events, when the silo's <see cref="SnapshotDueTimer"/> says one is due and on deactivation, and
/// activation replays the log after the snapshot. Recommendations send the profile's query straight to the catalog
/// shards. State made by another interest model than the one the silo serves is rebuilt from the log before the grain
/// answers (<see cref="RebuildForModelAsync"/>).
/// </summary>
/// <remarks>
/// A snapshot the silo-wide timer asks for runs on the activation's scheduler but outside any grain call, so it could interleave
/// with one at an await. Two rules keep them apart: a due snapshot starts only when no call is changing the state
/// (<see cref="_changes"/>; otherwise it is tried again later), and every call that changes the state first waits for
/// a snapshot in flight (<see cref="BeginChangeAsync"/>). A snapshot therefore always holds a state between two calls,
/// and there is never more than one write at a time.
/// </remarks>
public sealed class UserGrain(UserGrainServices services) : Grain, IUserGrain, ISnapshotDue
{
    /// <summary>Events resolved per catalog/encoder round trip while replaying the log on activation.</summary>
    private const int ReplayChunkSize = 256;

    /// <summary>Interest labels per kind and horizon in an export: enough to show what the profile says about the user.</summary>
    private const int ExportedInterestLabels = 20;

    /// <summary>The snapshot as stored (state, ETag), read on activation and written through <see cref="UserGrainServices.StateStorage"/>.</summary>
    private readonly GrainState<UserGrainState> _stored = new(new UserGrainState());

    private UserProfile _profile = null!;
    private LoadedInterestModel _model = null!;
    private SnapshotSchedule _snapshots = null!;

    /// <summary>The due snapshot write in progress, if any (null otherwise).</summary>
    private Task? _snapshotWrite;

    /// <summary>Above 0 while a call is between its first and last change of the state (it may be awaiting in between).</summary>
    private int _changes;

    /// <summary>Set on deactivation: a due call arriving afterwards does nothing.</summary>
    private bool _deactivated;

    /// <summary>The coalescer's ticket of this user's latest interaction report (0: none), for <see cref="InteractionReportCoalescer.EnsureSent"/>.</summary>
    private long _reportTicket;

    private UserGrainState State
    {
        get => _stored.State!; // never null once read: every provider sets a new instance when it has no record
        set => _stored.State = value;
    }

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Due times are spread over half an interval so that users who started together do not all write at once.
        _snapshots = new SnapshotSchedule(services.Users.SnapshotEveryEvents, services.Users.SnapshotInterval, services.SnapshotTimer, this, spread: 0.5);
        // Nothing can be writing a snapshot before the state is read, so the change begins without waiting.
        using var change = BeginChange();
        await services.StateStorage.ReadStateAsync(UserGrainServices.StateName, GrainContext.GrainId, _stored, cancellationToken);
        var served = services.InterestModel.Current;
        if (State.ModelVersion.Length > 0 && State.ModelVersion != served.Version)
        {
            await RebuildForModelAsync(served, cancellationToken);
            return;
        }

        _model = served;
        State.ModelVersion = served.Version;
        _profile = new UserProfile(State, served.Tracker, services.Users, services.SharedStrings);
        await ReplayLogAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        _snapshots.Detach();
        await WaitForSnapshotWriteAsync();
        if (_snapshots.HasPendingEvents)
        {
            await TryWriteSnapshotAsync(cancellationToken);
        }
    }

    /// <summary>Hands the due snapshot to this activation's scheduler (called on the silo-wide timer's thread).</summary>
    void ISnapshotDue.SnapshotDue() => GrainContext.Scheduler.QueueAction(static grain => ((UserGrain)grain).OnSnapshotDue(), this);

    public async Task<EventBatchResult> ApplyEventsAsync(IReadOnlyList<UserEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var change = await BeginChangeAsync();
        return await ApplyNewEventsAsync(events);
    }

    /// <summary>
    /// A <see cref="ValueTask{TResult}"/>: nearly every batch completes without awaiting (item on a local shard, in-memory
    /// or group-committed log, no snapshot due), and its one caller awaits it once, so the common case allocates no
    /// second task on top of the grain call's.
    /// </summary>
    private async ValueTask<EventBatchResult> ApplyNewEventsAsync(IReadOnlyList<UserEvent> events)
    {
        await FollowServedModelAsync();
        var fresh = _profile.SelectNew(events);
        if (fresh.Count == 0)
        {
            return Result(applied: 0, events.Count, late: 0);
        }

        // Validation and every lookup happen before the append: a bad event must change nothing, not even the log.
        var resolved = await services.Resolver.ResolveAsync(fresh);

        // The acknowledgement point: once the log holds the events they are applied, now or by a later replay.
        IReadOnlyList<LoggedEvent> appended;
        try
        {
            appended = await services.EventLog.AppendAsync(UserId, fresh);
        }
        catch
        {
            // An append can fail after the database committed it (connection lost before the answer). The retry
            // would then find the ids in the log and skip them as duplicates although this activation never
            // applied them, so drop the activation: the next one replays the log from the snapshot, including them.
            DeactivateOnIdle();
            throw;
        }

        if (appended.Count < fresh.Count)
        {
            // The log already held some ids (a retry older than the in-memory window, or a concurrent writer):
            // acknowledged as duplicates and not applied again.
            (fresh, resolved) = KeepAppended(fresh, resolved, appended);
        }

        var duplicates = events.Count - fresh.Count;
        if (fresh.Count == 0)
        {
            return Result(applied: 0, duplicates, late: 0);
        }

        int late;
        List<string> positiveItems;
        List<CoLikeRun> coLikes;
        try
        {
            (late, positiveItems, coLikes) = _profile.Apply(fresh, resolved);
        }
        catch
        {
            // The log holds events this activation failed to apply; a fresh activation replays them from the last
            // snapshot, so the half-applied state here is never written, not even on deactivation.
            _snapshots.MarkStateUnusable();
            DeactivateOnIdle();
            throw;
        }

        State.LogPosition = Math.Max(State.LogPosition, appended[^1].Position);
        State.Version++;
        // The append above is the acknowledgement point, so the snapshot only bounds how much a reactivation
        // replays: written every N events, by timer and on deactivation, not per batch (a whole-state write per
        // batch was nearly all of the event path's cost).
        if (_snapshots.RecordApplied(fresh.Count))
        {
            await TryWriteSnapshotAsync(CancellationToken.None);
        }

        // Coalesced with other users' reports into one one-way message per shard (see InteractionReportCoalescer).
        var ticket = services.InteractionReports.Add(positiveItems, coLikes);
        _reportTicket = ticket > 0 ? ticket : _reportTicket;
        return Result(fresh.Count, duplicates, late);
    }

    public async Task<RecommendationResult> RecommendAsync(RecommendationRequest request)
    {
        await FollowServedModelAsync();
        var (query, strategy) = _profile.BuildQuery(request, await LikeCountsAsync());
        var items = await CatalogSharding.TopKInShardsAsync(GrainFactory, query with { ModelVersion = _model.Version }, services.Catalog);
        return new RecommendationResult { UserId = UserId, Strategy = strategy, Items = items, EventCount = State.EventCount };
    }

    public async Task<ItemRankResult> RankItemAsync(string itemId, RecommendationRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        ArgumentNullException.ThrowIfNull(request);
        await FollowServedModelAsync();
        // Ranks in relevance order: diversification reorders a short list and has no full-catalog rank.
        var (query, strategy) = _profile.BuildQuery(request with { DiversityLambda = null }, await LikeCountsAsync());
        var rank = await GrainFactory.GetGrain<ICatalogGrain>(0).RankAsync(query with { ModelVersion = _model.Version }, itemId);
        return new ItemRankResult { UserId = UserId, Strategy = strategy, Item = rank, EventCount = State.EventCount };
    }

    public async Task<UserSummary> GetSummaryAsync()
    {
        await FollowServedModelAsync();
        return _profile.Summarize(UserId, _model.Mode);
    }

    public async Task<InterestProfile> GetInterestsAsync(int top)
    {
        await FollowServedModelAsync();
        var centroids = await GrainFactory.GetGrain<ICatalogGrain>(0).GetLabelCentroidsAsync();
        return _profile.DescribeInterests(UserId, centroids, top, _model.Mode);
    }

    public async Task<UserExport> ExportAsync()
    {
        var logged = await services.EventLog.ReadAfterAsync(UserId, 0);
        var summary = _profile.Summarize(UserId, services.InterestModel.Mode);
        var hasData = State.EventCount > 0 || State.Version > 0 || logged.Count > 0;
        return new UserExport
        {
            UserId = UserId,
            HasData = hasData,
            Summary = summary,
            // A user without events has zero interest vectors, whose "closest" labels would be arbitrary.
            Interests = hasData ? await GetInterestsAsync(ExportedInterestLabels) : new InterestProfile { UserId = UserId, ModelMode = services.InterestModel.Mode },
            Events = [.. logged.Select(entry => entry.Event)],
            EventLogIsDurable = services.EventLog.IsDurable,
        };
    }

    public async Task<bool> EraseAsync()
    {
        var existed = State.EventCount > 0 || State.Version > 0;
        using (await BeginChangeAsync())
        {
            // The log first: a snapshot cleared while the log still held events would be rebuilt by the next replay.
            await services.EventLog.EraseAsync(UserId);
            await services.StateStorage.ClearStateAsync(UserGrainServices.StateName, GrainContext.GrainId, _stored);
            State = new UserGrainState { ModelVersion = _model.Version };
            _profile = new UserProfile(State, _model.Tracker, services.Users, services.SharedStrings);
            _snapshots.Reset();
        }

        DeactivateOnIdle();
        services.Logger.LogInformation("User {UserId} erased", UserId);
        return existed;
    }

    /// <summary>
    /// Brings the snapshot up to date with the log: every logged event after the snapshot's position is applied
    /// through the same code as a live batch, with embeddings looked up again from the catalog and encoder.
    /// </summary>
    private async Task ReplayLogAsync(CancellationToken cancellationToken)
    {
        var pending = await services.EventLog.ReadAfterAsync(UserId, State.LogPosition, cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        await ApplyLoggedAsync(pending);
        State.Version++;
        _snapshots.RecordApplied(pending.Count);
        services.Logger.LogInformation("User {UserId}: replayed {Count} logged events after the snapshot", UserId, pending.Count);
        await TryWriteSnapshotAsync(cancellationToken);
    }

    /// <summary>Applies logged events in chunks (one catalog/encoder round trip each), moving the state's log position.</summary>
    private async Task ApplyLoggedAsync(IReadOnlyList<LoggedEvent> logged)
    {
        foreach (var chunk in logged.Chunk(ReplayChunkSize))
        {
            var events = chunk.Select(entry => entry.Event).ToList();
            _profile.Apply(events, await services.Resolver.ResolveAsync(events));
            State.LogPosition = chunk[^1].Position;
        }
    }

    /// <summary>Rebuilds the state when the silo has moved to another model since this activation built it.</summary>
    private async Task FollowServedModelAsync()
    {
        var served = services.InterestModel.Current;
        if (!ReferenceEquals(served, _model))
        {
            await RebuildForModelAsync(served, CancellationToken.None);
        }
    }

    /// <summary>
    /// Remakes the model-made state (LSTM, interest vectors, category affinities, recent likes) with
    /// <paramref name="served"/>: vectors of another model are meaningless to this one. When the log still holds every
    /// event the state reflects (always with PostgreSQL; with the in-memory log until a snapshot compacts it) the state
    /// starts cold and the whole log is replayed; otherwise it is reset to cold, keeping the seen items, and only the
    /// events after the snapshot are replayed. The idempotency window and the version counter carry over either way.
    /// </summary>
    private async Task RebuildForModelAsync(LoadedInterestModel served, CancellationToken cancellationToken)
    {
        using var change = await BeginChangeAsync();
        await RebuildAsync(served, cancellationToken);
    }

    private async Task RebuildAsync(LoadedInterestModel served, CancellationToken cancellationToken)
    {
        var previous = State;
        // With the volatile log the live window is the dedup of record; keep it across the reset.
        _profile?.CopyEventIdsToState();
        var logged = await services.EventLog.ReadAfterAsync(UserId, 0, cancellationToken);
        var complete = logged.Count(entry => entry.Position <= previous.LogPosition) >= previous.EventCount;
        var rebuilt = new UserGrainState
        {
            RecentEventIds = previous.RecentEventIds,
            PackedRecentEventIds = previous.PackedRecentEventIds,
            RecentEventIdFingerprints = previous.RecentEventIdFingerprints,
            RecentEventIdOldest = previous.RecentEventIdOldest,
            Version = previous.Version + 1,
            LogPosition = complete ? 0 : previous.LogPosition,
            RecentItemIds = complete ? [] : previous.RecentItemIds,
            ModelVersion = served.Version,
        };
        var replay = complete ? logged : [.. logged.Where(entry => entry.Position > previous.LogPosition)];
        State = rebuilt;
        _profile = new UserProfile(rebuilt, served.Tracker, services.Users, services.SharedStrings);
        _model = served;
        try
        {
            await ApplyLoggedAsync(replay);
        }
        catch
        {
            // Half-rebuilt: never a snapshot; the next activation rebuilds from the stored one and the log.
            _snapshots.MarkStateUnusable();
            DeactivateOnIdle();
            throw;
        }

        rebuilt.LogPosition = Math.Max(rebuilt.LogPosition, previous.LogPosition);
        _snapshots.RecordApplied(Math.Max(1, replay.Count));
        services.Logger.LogInformation(
            "User {UserId}: state of interest model {Previous} rebuilt for {Version} ({How}, {Count} logged events replayed)",
            UserId, previous.ModelVersion, served.Version, complete ? "whole log" : "reset to cold, log compacted", replay.Count);
        await TryWriteSnapshotAsync(cancellationToken);
    }

    /// <summary>The events (and their vectors) the log took; the others are remembered as seen, not applied.</summary>
    private (List<UserEvent> Events, ResolvedEvent[] Resolved) KeepAppended(List<UserEvent> fresh, ResolvedEvent[] resolved, IReadOnlyList<LoggedEvent> appended)
    {
        var newIds = appended.Select(entry => entry.Event.EventId).ToHashSet(StringComparer.Ordinal);
        var kept = new List<ResolvedEvent>(appended.Count);
        for (var i = 0; i < fresh.Count; i++)
        {
            if (newIds.Contains(fresh[i].EventId))
            {
                kept.Add(resolved[i]);
            }
            else
            {
                _profile.RememberEventId(fresh[i].EventId);
            }
        }

        return (appended.Select(entry => entry.Event).ToList(), [.. kept]);
    }

    /// <summary>The timer's due call, on the activation's scheduler (see the class remarks for why it may have to wait).</summary>
    private void OnSnapshotDue()
    {
        _snapshots.DueCallArrived();
        if (_deactivated || !_snapshots.HasPendingEvents)
        {
            return;
        }

        if (_changes > 0 || _snapshotWrite is not null)
        {
            _snapshots.TryLater();
            return;
        }

        var write = WriteDueSnapshotAsync();
        _snapshotWrite = write.IsCompleted ? null : write;
    }

    /// <summary>The due write; it lets go of itself when done, so an idle activation does not keep a finished task.</summary>
    private async Task WriteDueSnapshotAsync()
    {
        try
        {
            await TryWriteSnapshotAsync(CancellationToken.None);
        }
        finally
        {
            _snapshotWrite = null;
        }
    }

    /// <summary>Waits for a snapshot write in flight, then counts a change of the state as begun until the scope is disposed.</summary>
    private async ValueTask<ChangeScope> BeginChangeAsync()
    {
        await WaitForSnapshotWriteAsync();
        return BeginChange();
    }

    /// <summary>Counts a change of the state as begun until the scope is disposed: no timed snapshot is taken meanwhile.</summary>
    private ChangeScope BeginChange()
    {
        _changes++;
        return new ChangeScope(this);
    }

    /// <summary>Completes once no snapshot write is in flight; a failed write is the write's own business (it logs).</summary>
    private async Task WaitForSnapshotWriteAsync()
    {
        if (_snapshotWrite is { } write)
        {
            // The captured context is the activation's scheduler: the caller must go on there.
            await write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <summary>
    /// A snapshot is an optimisation (shorter replays), so a failed write is logged, not surfaced: the events are
    /// already in the log and the next snapshot or activation catches up.
    /// </summary>
    private async Task TryWriteSnapshotAsync(CancellationToken cancellationToken)
    {
        if (!_snapshots.StateIsUsable)
        {
            return;
        }

        try
        {
            if (!services.EventLog.IsDurable)
            {
                // The volatile log forgets on a crash, so the idempotency window travels with the snapshot.
                _profile.CopyEventIdsToState();
            }

            try
            {
                await services.StateStorage.WriteStateAsync(UserGrainServices.StateName, GrainContext.GrainId, _stored, cancellationToken);
            }
            finally
            {
                // Grain storage writes the state by value (Memory and ADO.NET serialize it), so it is done with the
                // window by now; the profile keeps it, and the state must not hold a full window's live ring.
                _profile.ClearEventIdsInState();
            }

            _snapshots.Written();
            services.EventLog.Compact(UserId, State.LogPosition);
        }
        catch (InconsistentStateException ex)
        {
            // Another activation wrote since this one read: reload snapshot + log instead of overwriting it.
            services.Logger.LogWarning(ex, "User {UserId}: snapshot version conflict; deactivating to reload", UserId);
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _snapshots.TryLater();
            services.Logger.LogWarning(ex, "User {UserId}: snapshot not written ({Pending} events only in the log)", UserId, _snapshots.PendingEvents);
        }
    }

    /// <summary>The live like counts of the user's recent likes, from their shards (none without a co-like model).</summary>
    /// <remarks>
    /// Every read of the user's recommendations or ranks starts here, so this is where the user's own coalesced
    /// interaction reports are made sure to be on their way to the shards first: a list asked for right after an
    /// event counts that event's like, as when each batch sent its own report.
    /// </remarks>
    private Task<IReadOnlyList<double>> LikeCountsAsync()
    {
        services.InteractionReports.EnsureSent(_reportTicket);
        return _profile.RecentLikedItems.Count == 0
            ? Task.FromResult<IReadOnlyList<double>>([])
            : CatalogSharding.LikeCountsInShardsAsync(GrainFactory, _profile.RecentLikedItems, services.Catalog.ShardCount);
    }

    private EventBatchResult Result(int applied, int duplicates, int late) => SeedMetrics.RecordEventBatch(applied, duplicates, late, new EventBatchResult
    {
        Applied = applied,
        Duplicates = duplicates,
        Late = late,
        EventCount = State.EventCount,
        Version = State.Version,
    });

    /// <summary>A change of the state in progress (<see cref="_changes"/>), ended by disposing it; a struct, so an event allocates nothing for it.</summary>
    private readonly struct ChangeScope(UserGrain grain) : IDisposable
    {
        public void Dispose() => grain._changes--;
    }
}
