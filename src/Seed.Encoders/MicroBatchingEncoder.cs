using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Seed.Core.Telemetry;

namespace Seed.Encoders;

/// <summary>
/// Per-process front door to an <see cref="ISentenceEncoder"/> for many concurrent callers: answers repeated texts
/// from an LRU cache, lets identical texts in flight share one computation, and groups the rest into micro-batches
/// so that one inference call serves many callers.
/// </summary>
/// <remarks>
/// <para>Every returned array is a fresh copy owned by the caller, who may keep or mutate it. The cache keeps its own
/// master copy: copying 128–384 floats costs tens of nanoseconds, far below tokenisation, while handing out the cached
/// array would let one careless caller (say, normalising or accumulating in place) silently corrupt the vector every
/// later caller gets.</para>
/// <para>Cancelling a caller's token only stops that caller's wait; the text is still encoded (others may share it)
/// and its vector is cached. The wrapped encoder is not owned and is not disposed here.</para>
/// </remarks>
public sealed class MicroBatchingEncoder : IAsyncDisposable, IDisposable
{
    private readonly ISentenceEncoder _encoder;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly int _maxBatchTokens;
    private readonly TimeSpan _maxBatchDelay;
    private readonly LruCache<string, float[]>? _cache;
    private readonly ConcurrentDictionary<string, PendingEncoding> _inFlight = new(StringComparer.Ordinal);
    private readonly Channel<PendingEncoding> _queue;
    private readonly Task _batchLoop;
    private long _requests;
    private long _cacheHits;
    private long _batches;
    private long _textsEncoded;
    private int _disposed;

    /// <summary>Starts the background batch loop over <paramref name="encoder"/>.</summary>
    public MicroBatchingEncoder(ISentenceEncoder encoder, EncoderOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);

        _encoder = encoder;
        _logger = logger ?? NullLogger.Instance;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchTokens = options.MaxBatchTokens;
        _maxBatchDelay = TimeSpan.FromMilliseconds(options.MaxBatchDelayMilliseconds);
        _cache = options.CacheCapacity > 0 ? new LruCache<string, float[]>(options.CacheCapacity, StringComparer.Ordinal) : null;
        // Unbounded: callers already hold a task per queued text, and the batch loop drains faster than callers can
        // tokenise, so a bound would only add a second place to wait.
        _queue = Channel.CreateUnbounded<PendingEncoding>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        _batchLoop = Task.Run(RunBatchLoopAsync);
    }

    /// <summary>Length of every returned vector.</summary>
    public int Dimension => _encoder.Dimension;

    /// <summary>Encodes one text to a unit vector (all zeros for text without known tokens under a static model).</summary>
    public ValueTask<float[]> EncodeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<float[]>(cancellationToken);
        }

        Interlocked.Increment(ref _requests);
        SeedMetrics.EncoderCacheLookups.Add(1);
        if (_cache is not null && _cache.TryGet(text, out float[]? cached))
        {
            Interlocked.Increment(ref _cacheHits);
            SeedMetrics.EncoderCacheHits.Add(1);
            return ValueTask.FromResult(CopyOf(cached));
        }

        Task<float[]> shared;
        try
        {
            shared = JoinOrEnqueue(text);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<float[]>(exception);
        }

        return AwaitCopyAsync(shared, cancellationToken);
    }

    /// <summary>Encodes several texts; result i belongs to texts[i]. All are queued before any is awaited, so they batch together.</summary>
    public async Task<float[][]> EncodeManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var pending = new Task<float[]>[texts.Count];
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = EncodeAsync(texts[i], cancellationToken).AsTask();
        }

        float[][] results = await Task.WhenAll(pending).ConfigureAwait(false);
        return results;
    }

    /// <summary>Counters since construction.</summary>
    public EncoderStatistics GetStatistics()
    {
        long batches = Interlocked.Read(ref _batches);
        long texts = Interlocked.Read(ref _textsEncoded);
        return new EncoderStatistics(
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _cacheHits),
            batches,
            texts,
            batches == 0 ? 0 : (double)texts / batches);
    }

    /// <summary>Stops accepting texts, finishes everything already queued, then stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _batchLoop.ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>: blocks until the texts already queued are encoded.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _batchLoop.GetAwaiter().GetResult();
    }

    private static float[] CopyOf(float[] vector) => (float[])vector.Clone();

    private static async ValueTask<float[]> AwaitCopyAsync(Task<float[]> shared, CancellationToken cancellationToken)
    {
        float[] vector = await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        return CopyOf(vector);
    }

    /// <summary>Returns the task of an identical text already in flight, or tokenises and queues a new one.</summary>
    private Task<float[]> JoinOrEnqueue(string text)
    {
        if (_inFlight.TryGetValue(text, out PendingEncoding? existing))
        {
            return existing.Completion.Task;
        }

        // Tokenising here spreads that CPU work over the callers' threads; the single batch loop only runs inference.
        var created = new PendingEncoding(text, _encoder.Tokenize(text));
        PendingEncoding winner = _inFlight.GetOrAdd(text, created);
        if (!ReferenceEquals(winner, created))
        {
            return winner.Completion.Task;
        }

        // A batch may have finished this very text between our cache miss and the add above; it wrote the cache
        // before leaving the in-flight map, so one more look avoids encoding it twice.
        if (_cache is not null && _cache.TryGet(text, out float[]? cached))
        {
            _inFlight.TryRemove(new KeyValuePair<string, PendingEncoding>(text, created));
            created.Completion.TrySetResult(cached);
            return created.Completion.Task;
        }

        if (!_queue.Writer.TryWrite(created))
        {
            _inFlight.TryRemove(new KeyValuePair<string, PendingEncoding>(text, created));
            created.Completion.TrySetException(new ObjectDisposedException(nameof(MicroBatchingEncoder)));
        }

        return created.Completion.Task;
    }

    private async Task RunBatchLoopAsync()
    {
        ChannelReader<PendingEncoding> reader = _queue.Reader;
        var batch = new List<PendingEncoding>(_maxBatchSize);
        PendingEncoding? carriedOver = null;
        // A wait that timed out stays pending on the channel; it is kept and reused, because abandoning it and
        // starting another would leave two waiters on a single-reader channel.
        Task<bool>? dataAvailable = null;

        while (true)
        {
            if (carriedOver is null)
            {
                dataAvailable ??= reader.WaitToReadAsync().AsTask();
                bool more = await dataAvailable.ConfigureAwait(false);
                dataAvailable = null;
                if (!more)
                {
                    return;
                }

                if (!reader.TryRead(out carriedOver))
                {
                    continue;
                }
            }

            batch.Add(carriedOver);
            int longest = carriedOver.Tokens.Length;
            carriedOver = null;
            long windowOpened = Stopwatch.GetTimestamp();
            // One timer per batch window, armed when the queue first runs dry: re-arming a fresh delay for the last
            // few microseconds would cost a whole extra timer tick (about 4 ms measured on Linux).
            Task? windowClosed = null;

            while (batch.Count < _maxBatchSize)
            {
                if (reader.TryRead(out PendingEncoding? next))
                {
                    int newLongest = Math.Max(longest, next.Tokens.Length);
                    if ((long)(batch.Count + 1) * newLongest > _maxBatchTokens)
                    {
                        // Over the padded-token budget: it opens the next batch instead.
                        carriedOver = next;
                        break;
                    }

                    batch.Add(next);
                    longest = newLongest;
                    continue;
                }

                if (_maxBatchDelay <= TimeSpan.Zero)
                {
                    break;
                }

                if (windowClosed is null)
                {
                    TimeSpan remaining = _maxBatchDelay - Stopwatch.GetElapsedTime(windowOpened);
                    if (remaining <= TimeSpan.Zero)
                    {
                        break;
                    }

                    windowClosed = Task.Delay(remaining);
                }

                dataAvailable ??= reader.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(dataAvailable, windowClosed).ConfigureAwait(false) != dataAvailable)
                {
                    break;
                }

                bool stillOpen = await dataAvailable.ConfigureAwait(false);
                dataAvailable = null;
                if (!stillOpen)
                {
                    break;
                }
            }

            EncodeBatch(batch);
            batch.Clear();
        }
    }

    /// <summary>Runs one inference for the batch and completes its callers; a failure faults only this batch.</summary>
    private void EncodeBatch(List<PendingEncoding> batch)
    {
        float[][] vectors;
        try
        {
            var tokens = new TokenizedText[batch.Count];
            for (int i = 0; i < tokens.Length; i++)
            {
                tokens[i] = batch[i].Tokens;
            }

            long started = Stopwatch.GetTimestamp();
            vectors = _encoder.Encode(tokens);
            SeedMetrics.EncoderBatchLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (vectors.Length != batch.Count)
            {
                throw new InvalidOperationException($"The encoder returned {vectors.Length} vectors for {batch.Count} texts.");
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Encoding a batch of {Count} texts failed; those requests are faulted.", batch.Count);
            foreach (PendingEncoding pending in batch)
            {
                _inFlight.TryRemove(new KeyValuePair<string, PendingEncoding>(pending.Text, pending));
                pending.Completion.TrySetException(exception);
            }

            return;
        }

        Interlocked.Increment(ref _batches);
        SeedMetrics.EncoderBatchSize.Record(batch.Count);
        Interlocked.Add(ref _textsEncoded, batch.Count);
        for (int i = 0; i < batch.Count; i++)
        {
            PendingEncoding pending = batch[i];
            // Cache before leaving the in-flight map, so a concurrent caller always finds the text in one of them.
            _cache?.Set(pending.Text, vectors[i]);
            _inFlight.TryRemove(new KeyValuePair<string, PendingEncoding>(pending.Text, pending));
            pending.Completion.TrySetResult(vectors[i]);
        }
    }
}
