using Microsoft.Extensions.Options;
using Seed.Abstractions.Catalog;

namespace Seed.Grains.Catalog;

/// <summary>
/// Collects the live popularity and co-like reports of every user grain on this silo and sends them to their shards
/// as one one-way message per shard per burst instead of one per event batch. The first report of a burst queues one
/// flush on the thread pool; everything reported before that flush runs rides in the same messages, so a loaded silo
/// coalesces many events per message and an idle one sends at once. A reader that needs its own reports counted
/// (a recommendation after the user's event) calls <see cref="EnsureSent"/> with the ticket <see cref="Add"/> gave it,
/// which flushes on the caller's thread if the burst has not gone yet; the reports are then ahead of the caller's own
/// shard calls, as they were when each event batch sent its own report.
/// </summary>
/// <remarks>
/// Hand-written rather than a library batcher (System.Threading.Channels, Rx): the only policy is "flush what is there
/// when the thread pool gets to it, or now if a reader waits", and the sequence tickets make the second case one
/// comparison. Per event this saves one message send and one non-reentrant shard turn.
/// </remarks>
public sealed class InteractionReportCoalescer
{
    /// <summary>Guards the pending reports, the tickets and the queued flag; held only to add or to take the reports.</summary>
    private readonly Lock _lock = new();

    /// <summary>
    /// Held by the one flush that is sending (taken before <see cref="_lock"/>): the messages go out in ticket order, and a
    /// reader's flush waits here for one already sending its reports. Sending under <see cref="_lock"/> instead made every
    /// user batch wait for a burst's sends (with 64 users at once about 4% of a thread-time profile waited on it).
    /// </summary>
    private readonly Lock _sendLock = new();

    /// <summary>Ids or shards counted on the stack up to this many (a like's window and a shard count are far smaller).</summary>
    private const int MaxStackInts = 256;

    private readonly int _shardCount;
    private readonly Action<int, InteractionReport> _send;

    /// <summary>
    /// Per shard, how many liked items and co-like runs its last message carried: the next burst's lists start at that
    /// size instead of growing through every power of two.
    /// </summary>
    private readonly (int LikedItems, int CoLikes)[] _lastSizes;

    /// <summary>A calling thread's routed runs, reused: most batches are one event, and this keeps them allocation-free.</summary>
    [ThreadStatic]
    private static List<(int Shard, CoLikeRun Run)>? _routedOnThread;

    /// <summary>The reports being collected; swapped with <see cref="_sending"/> (empty between flushes) by a flush.</summary>
    private Dictionary<int, PendingShardReport> _pending = [];

    private Dictionary<int, PendingShardReport> _sending = [];
    private long _lastTicket;
    private long _sentThrough;
    private bool _flushQueued;

    /// <summary>Sends to this silo's view of the catalog shards, one-way.</summary>
    public InteractionReportCoalescer(IGrainFactory grains, IOptions<CatalogOptions> options)
        : this(options.Value.ShardCount, ShardSender(grains, options.Value.ShardCount))
    {
    }

    /// <summary>Sends each coalesced report with <paramref name="send"/>(shard, report); must only enqueue, never block.</summary>
    public InteractionReportCoalescer(int shardCount, Action<int, InteractionReport> send)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentNullException.ThrowIfNull(send);
        _shardCount = shardCount;
        _send = send;
        _lastSizes = new (int, int)[shardCount];
    }

    /// <summary>Reports sent to shards so far (one per shard per flush): with <see cref="Batches"/>, how well bursts coalesce.</summary>
    public long MessagesSent { get; private set; }

    /// <summary>User batches reported so far.</summary>
    public long Batches => Volatile.Read(ref _lastTicket);

    /// <summary>
    /// Queues one user batch's liked items (each to its owning shard) and co-like runs as its likes made them (item
    /// first): each run goes to the shard of its item, and the same pairs the other way round go to the shards of the
    /// others, one run per shard. Returns the ticket for <see cref="EnsureSent"/>, or 0 when there was nothing to report.
    /// </summary>
    public long Add(IReadOnlyList<string> likedItemIds, IReadOnlyList<CoLikeRun> coLikes)
    {
        ArgumentNullException.ThrowIfNull(likedItemIds);
        ArgumentNullException.ThrowIfNull(coLikes);
        if (likedItemIds.Count == 0 && coLikes.Count == 0)
        {
            return 0;
        }

        // Every user grain of the silo reports here, so the shards are worked out (hashing every id) before taking the
        // lock: under it each run is one list append.
        var routed = _routedOnThread ??= [];
        try
        {
            for (var i = 0; i < coLikes.Count; i++)
            {
                Route(coLikes[i], routed);
            }

            return Enqueue(likedItemIds, routed);
        }
        finally
        {
            routed.Clear();
        }
    }

    /// <summary>Sends now whatever is pending if the batch with <paramref name="ticket"/> has not been sent yet.</summary>
    public void EnsureSent(long ticket)
    {
        if (ticket > Volatile.Read(ref _sentThrough))
        {
            Flush();
        }
    }

    /// <summary>
    /// Sends every pending report. "<see cref="_sentThrough"/> covers this ticket" becomes true only once the message is
    /// really on its way (a one-way call only enqueues it): the tickets taken are published after the sends, and a
    /// reader's <see cref="EnsureSent"/> that finds them not yet published waits on <see cref="_sendLock"/> for the
    /// flush sending them, then sends whatever came after.
    /// </summary>
    private void Flush()
    {
        lock (_sendLock)
        {
            long takenThrough;
            lock (_lock)
            {
                _flushQueued = false;
                if (_pending.Count == 0)
                {
                    return;
                }

                (_pending, _sending) = (_sending, _pending);
                takenThrough = _lastTicket;
                foreach (var (shard, report) in _sending)
                {
                    _lastSizes[shard] = (report.LikedItemIds.Count, report.CoLikes.Count);
                }
            }

            try
            {
                foreach (var (shard, report) in _sending)
                {
                    _send(shard, new InteractionReport { LikedItemIds = report.LikedItemIds, CoLikes = report.CoLikes });
                    MessagesSent++;
                }
            }
            finally
            {
                // The lists went with the messages; the map is reused (its reports are new per burst).
                _sending.Clear();
            }

            Volatile.Write(ref _sentThrough, takenThrough);
        }
    }

    /// <summary>Adds the routed runs and the liked items to the pending reports; returns the batch's ticket.</summary>
    private long Enqueue(IReadOnlyList<string> likedItemIds, List<(int Shard, CoLikeRun Run)> routed)
    {
        lock (_lock)
        {
            // Indexed, not foreach: enumerators of the interfaces are allocations on every event batch.
            for (var i = 0; i < likedItemIds.Count; i++)
            {
                PendingFor(CatalogSharding.ShardOf(likedItemIds[i], _shardCount)).LikedItemIds.Add(likedItemIds[i]);
            }

            foreach (var (shard, run) in routed)
            {
                PendingFor(shard).CoLikes.Add(run);
            }

            var ticket = ++_lastTicket;
            if (!_flushQueued)
            {
                _flushQueued = true;
                ThreadPool.UnsafeQueueUserWorkItem(static coalescer => coalescer.Flush(), this, preferLocal: false);
            }

            return ticket;
        }
    }

    /// <summary>
    /// The run itself for the shard of its item, and for each shard holding some of its others a run of those others
    /// first (their order kept).
    /// </summary>
    private void Route(CoLikeRun run, List<(int Shard, CoLikeRun Run)> routed)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.OthersFirst)
        {
            throw new ArgumentException("Co-like runs are reported as the likes made them, item first.", nameof(run));
        }

        routed.Add((CatalogSharding.ShardOf(run.ItemId, _shardCount), run));
        var others = run.OtherItemIds;
        Span<int> shardOfOther = others.Count <= MaxStackInts ? stackalloc int[others.Count] : new int[others.Count];
        Span<int> perShard = _shardCount <= MaxStackInts ? stackalloc int[_shardCount] : new int[_shardCount];
        perShard.Clear();
        for (var i = 0; i < others.Count; i++)
        {
            shardOfOther[i] = CatalogSharding.ShardOf(others[i], _shardCount);
            perShard[shardOfOther[i]]++;
        }

        for (var shard = 0; shard < _shardCount; shard++)
        {
            if (perShard[shard] == 0)
            {
                continue;
            }

            var owned = new string[perShard[shard]];
            for (int i = 0, at = 0; at < owned.Length; i++)
            {
                if (shardOfOther[i] == shard)
                {
                    owned[at++] = others[i];
                }
            }

            routed.Add((shard, new CoLikeRun(run.ItemId, owned, OthersFirst: true)));
        }
    }

    private static Action<int, InteractionReport> ShardSender(IGrainFactory grains, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(grains);
        // One-way ([OneWay] on the method): counting must never slow down or fail the event path.
        return (shard, report) => _ = CatalogSharding.Shard(grains, shard, shardCount).ReportInteractionsAsync(report);
    }

    private PendingShardReport PendingFor(int shard)
    {
        if (!_pending.TryGetValue(shard, out var report))
        {
            report = new PendingShardReport(_lastSizes[shard].LikedItems, _lastSizes[shard].CoLikes);
            _pending[shard] = report;
        }

        return report;
    }

    private sealed class PendingShardReport(int likedItemCapacity, int coLikeCapacity)
    {
        public List<string> LikedItemIds { get; } = new(likedItemCapacity);

        public List<CoLikeRun> CoLikes { get; } = new(coLikeCapacity);
    }
}
