using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Seed.Storage.Embeddings;

/// <summary>
/// One encoder's file of <see cref="FileTextEmbeddingStore"/>: a 16-byte header ("SEEDEMB1", the dimension) and then
/// fixed-size records (16-byte <see cref="TextEmbeddingKey"/>, dimension × float32 little-endian). Appends go through a
/// lock so that concurrent callers never interleave records; reads are positional and run outside it.
/// </summary>
internal sealed class EmbeddingFile : IDisposable
{
    private const int HeaderBytes = 16;
    private const int RecordsPerScanChunk = 4096;
    private static ReadOnlySpan<byte> Magic => "SEEDEMB1"u8;

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<UInt128, long> _vectorOffsets = [];
    private SafeFileHandle? _data;
    private FileStream? _writerLock;
    private bool _readOnly;
    private int _dimension;
    private long _length;

    public EmbeddingFile(string path, ILogger logger)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The embedding file format is little-endian.");
        }

        _path = path;
        _logger = logger;
        if (File.Exists(path))
        {
            Open(dimensionForNewFile: 0);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _vectorOffsets.Count;
            }
        }
    }

    public float[]?[] Get(IReadOnlyList<string> texts)
    {
        var results = new float[]?[texts.Count];
        var keys = new UInt128[texts.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = TextEmbeddingKey.Of(texts[i]);
        }

        var offsets = new long[texts.Count];
        SafeFileHandle? data;
        int dimension;
        lock (_gate)
        {
            data = _data;
            dimension = _dimension;
            for (int i = 0; i < keys.Length; i++)
            {
                offsets[i] = _vectorOffsets.GetValueOrDefault(keys[i], -1);
            }
        }

        if (data is null)
        {
            return results;
        }

        for (int i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] >= 0)
            {
                var vector = new float[dimension];
                RandomAccess.Read(data, MemoryMarshal.AsBytes(vector.AsSpan()), offsets[i]);
                results[i] = vector;
            }
        }

        return results;
    }

    public void Put(IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors)
    {
        if (texts.Count == 0)
        {
            return;
        }

        var keys = new UInt128[texts.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = TextEmbeddingKey.Of(texts[i]);
        }

        lock (_gate)
        {
            if (_data is null && !_readOnly)
            {
                Open(dimensionForNewFile: vectors[0].Length);
            }

            if (_data is null || _readOnly)
            {
                return;
            }

            int recordBytes = TextEmbeddingKey.Length + (_dimension * sizeof(float));
            var fresh = new List<int>(keys.Length);
            var seen = new HashSet<UInt128>();
            for (int i = 0; i < keys.Length; i++)
            {
                if (vectors[i].Length != _dimension)
                {
                    throw new ArgumentException($"Vector {i} has {vectors[i].Length} dimensions; {_path} holds {_dimension}-d vectors.", nameof(vectors));
                }

                if (!_vectorOffsets.ContainsKey(keys[i]) && seen.Add(keys[i]))
                {
                    fresh.Add(i);
                }
            }

            if (fresh.Count == 0)
            {
                return;
            }

            var buffer = new byte[fresh.Count * recordBytes];
            for (int r = 0; r < fresh.Count; r++)
            {
                Span<byte> record = buffer.AsSpan(r * recordBytes, recordBytes);
                BinaryPrimitives.WriteUInt128LittleEndian(record, keys[fresh[r]]);
                MemoryMarshal.AsBytes(vectors[fresh[r]].AsSpan()).CopyTo(record[TextEmbeddingKey.Length..]);
            }

            RandomAccess.Write(_data, buffer, _length);
            for (int r = 0; r < fresh.Count; r++)
            {
                _vectorOffsets[keys[fresh[r]]] = _length + (r * recordBytes) + TextEmbeddingKey.Length;
            }

            _length += buffer.Length;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _data?.Dispose();
            _writerLock?.Dispose();
            _data = null;
            _writerLock = null;
        }
    }

    private void Open(int dimensionForNewFile)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        try
        {
            // A lock file rather than the data file's own share mode: on Linux .NET maps FileShare to advisory flock,
            // and a reader must still be able to open the data file while one writer holds the lock.
            _writerLock = new FileStream(_path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            _readOnly = true;
            _logger.LogWarning("Embedding file {Path} is being written by another process; this one reads it but stores no new vectors ({Reason}).", _path, exception.Message);
            if (!File.Exists(_path))
            {
                return;
            }
        }

        _data = File.OpenHandle(
            _path, _readOnly ? FileMode.Open : FileMode.OpenOrCreate, _readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite);
        long length = RandomAccess.GetLength(_data);
        if (length == 0 && !_readOnly && dimensionForNewFile > 0)
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            header.Clear();
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], dimensionForNewFile);
            RandomAccess.Write(_data, header, 0);
            _dimension = dimensionForNewFile;
            _length = HeaderBytes;
            return;
        }

        if (!TryReadHeader(length))
        {
            _logger.LogWarning("Embedding file {Path} is not a Seed embedding file (or is empty); it is ignored and its texts will be encoded again.", _path);
            _data.Dispose();
            _data = null;
            _readOnly = true;
            return;
        }

        ScanRecords(length);
    }

    private bool TryReadHeader(long length)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (length < HeaderBytes || RandomAccess.Read(_data!, header, 0) != HeaderBytes || !header[..8].SequenceEqual(Magic))
        {
            return false;
        }

        _dimension = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        return _dimension > 0;
    }

    private void ScanRecords(long length)
    {
        int recordBytes = TextEmbeddingKey.Length + (_dimension * sizeof(float));
        long records = (length - HeaderBytes) / recordBytes;
        var chunk = new byte[RecordsPerScanChunk * recordBytes];
        for (long first = 0; first < records; first += RecordsPerScanChunk)
        {
            int count = (int)Math.Min(RecordsPerScanChunk, records - first);
            long offset = HeaderBytes + (first * recordBytes);
            RandomAccess.Read(_data!, chunk.AsSpan(0, count * recordBytes), offset);
            for (int r = 0; r < count; r++)
            {
                UInt128 key = BinaryPrimitives.ReadUInt128LittleEndian(chunk.AsSpan(r * recordBytes));
                _vectorOffsets.TryAdd(key, offset + (r * recordBytes) + TextEmbeddingKey.Length);
            }
        }

        _length = HeaderBytes + (records * recordBytes);
        if (_length < length && !_readOnly)
        {
            // A crash cut the last append short: drop the partial record so the next append starts on a boundary.
            RandomAccess.SetLength(_data!, _length);
            _logger.LogInformation("Embedding file {Path}: dropped {Bytes} bytes of an incomplete last record.", _path, length - _length);
        }
    }
}
