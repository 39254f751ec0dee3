using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Seed.Storage.Embeddings;

/// <summary>
/// <see cref="ITextEmbeddingStore"/> in local files: one append-only file per encoder fingerprint in a folder, for
/// the embedded default and the command-line tools (which encode the same data set's texts run after run). Only the
/// index (key → file offset, about 40 bytes per text) is held in memory; vectors are read from the file on demand.
/// </summary>
/// <remarks>
/// One process writes a file at a time: a second process that finds it locked reads it but stores nothing new (one
/// warning). A record cut short by a crash is dropped when the file is next opened; losing the tail only means those
/// texts are encoded again.
/// </remarks>
public sealed class FileTextEmbeddingStore : ITextEmbeddingStore, IDisposable
{
    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<EmbeddingFile>> _files = new(StringComparer.Ordinal);

    /// <summary>A store in <paramref name="directory"/> (created on the first write).</summary>
    public FileTextEmbeddingStore(string directory, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The folder holding the files.</summary>
    public string Directory => _directory;

    /// <summary>The stored vector of each text, in order; null where there is none.</summary>
    public float[]?[] Get(string encoderFingerprint, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return FileOf(encoderFingerprint).Get(texts);
    }

    /// <summary>Appends the vectors of texts not stored yet.</summary>
    public void Put(string encoderFingerprint, IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(vectors);
        if (texts.Count != vectors.Count)
        {
            throw new ArgumentException($"{texts.Count} texts but {vectors.Count} vectors.", nameof(vectors));
        }

        FileOf(encoderFingerprint).Put(texts, vectors);
    }

    /// <summary>How many texts the encoder's file holds.</summary>
    public int Count(string encoderFingerprint) => FileOf(encoderFingerprint).Count;

    /// <inheritdoc />
    public Task<float[]?[]> GetAsync(string encoderFingerprint, IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Task.FromResult(Get(encoderFingerprint, texts));

    /// <inheritdoc />
    public Task PutAsync(string encoderFingerprint, IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken = default)
    {
        Put(encoderFingerprint, texts, vectors);
        return Task.CompletedTask;
    }

    /// <summary>Closes the files.</summary>
    public void Dispose()
    {
        foreach (Lazy<EmbeddingFile> file in _files.Values)
        {
            if (file.IsValueCreated)
            {
                file.Value.Dispose();
            }
        }

        _files.Clear();
    }

    private EmbeddingFile FileOf(string encoderFingerprint)
    {
        // The fingerprint becomes a file name: letters, digits and dashes only, so it can never leave the folder.
        if (string.IsNullOrEmpty(encoderFingerprint) || !encoderFingerprint.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Encoder fingerprint '{encoderFingerprint}' must be ASCII letters, digits and dashes.", nameof(encoderFingerprint));
        }

        return _files.GetOrAdd(
            encoderFingerprint,
            fingerprint => new Lazy<EmbeddingFile>(() => new EmbeddingFile(Path.Combine(_directory, fingerprint + ".embeddings"), _logger))).Value;
    }
}
