using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Seed.Encoders.Onnx;

namespace Seed.Encoders;

/// <summary>
/// Sentence encoder for BERT-family ONNX exports (and the static potion model that mimics their interface).
/// One <see cref="InferenceSession"/> is created at load and shared: ONNX Runtime's Run is thread-safe, so
/// <see cref="Encode(IReadOnlyList{TokenizedText})"/> may be called from many threads at once.
/// <para>This class owns loading (session options, CUDA fallback), batching and feeding the padded inputs;
/// <see cref="OnnxModelSignature"/> checks the graph's inputs and outputs and <see cref="SentencePooling"/> turns
/// the output into unit vectors.</para>
/// </summary>
public sealed class OnnxSentenceEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>Padded cells allowed per real token in one run before it is split (see <see cref="Encode(IReadOnlyList{TokenizedText})"/>).</summary>
    private const double PaddingTolerance = 1.25;

    /// <summary>Rows a run holds before padding may split it: smaller runs cost more in per-call overhead than padding.</summary>
    private const int MinRowsBeforePaddingSplit = 8;

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions = new();
    private readonly BertTextTokenizer _tokenizer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly PoolingMode _pooling;
    private readonly int _maxBatchSize;
    private readonly int _maxBatchTokens;
    private int _disposed;
    private long _inferenceRuns;

    private OnnxSentenceEncoder(
        InferenceSession session,
        SessionOptions sessionOptions,
        BertTextTokenizer tokenizer,
        EncoderOptions options,
        EncoderSource source,
        string activeExecutionProvider,
        bool halfPrecision)
    {
        _session = session;
        _sessionOptions = sessionOptions;
        _tokenizer = tokenizer;
        MaxTokens = source.MaxTokens;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchTokens = options.MaxBatchTokens;
        ModelDirectory = source.Description;
        ModelName = options.Model;
        Fingerprint = source.Fingerprint(options.Model);
        ActiveExecutionProvider = activeExecutionProvider;
        ActivePrecision = halfPrecision ? "Fp16" : "Fp32";

        OnnxModelSignature signature = OnnxModelSignature.Read(session, source.Pooling, source.Description);
        DeclaresTokenTypeIds = signature.DeclaresTokenTypeIds;
        _inputNames = signature.InputNames;
        _outputNames = [signature.OutputName];
        _pooling = signature.Pooling;
        PoolingUsed = _pooling.ToString();

        // The probe both warms the session (the first Run is ~40x slower than later ones) and reads the dimension
        // from a real output, which also works for exports whose metadata leaves the hidden size symbolic.
        Dimension = RunRows([new TokenizedText([_tokenizer.ClsId, _tokenizer.SepId], truncated: false)], [0], probeDimension: true)[0].Length;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int MaxTokens { get; }

    /// <inheritdoc />
    public string Fingerprint { get; }

    /// <summary>ONNX Runtime runs so far (after the warm-up probe): how many groups <see cref="Encode(IReadOnlyList{TokenizedText})"/> split its batches into.</summary>
    public long InferenceRuns => Interlocked.Read(ref _inferenceRuns);

    /// <summary>"Cpu" or "Cuda": the provider the session really runs on (after any fallback).</summary>
    public string ActiveExecutionProvider { get; }

    /// <summary>"Fp32" or "Fp16": the precision the session's graph really runs in (Fp16 only on CUDA, see <see cref="EncoderOptions.Precision"/>).</summary>
    public string ActivePrecision { get; }

    /// <summary>"SentenceEmbedding" (graph pools), "MeanPooling" or "Cls" (this class pools token vectors).</summary>
    public string PoolingUsed { get; }

    /// <summary>Where the model and vocabulary came from: the full folder path, or the named model and its package.</summary>
    public string ModelDirectory { get; }

    /// <summary>The configured <see cref="EncoderOptions.Model"/>: an encoder name or a folder, as the operator wrote it.</summary>
    public string ModelName { get; }

    /// <summary>True when the model takes <c>token_type_ids</c>; they are then fed as zeros (single-segment input).</summary>
    public bool DeclaresTokenTypeIds { get; }

    /// <summary>Tokenizer matching the model's vocabulary.</summary>
    public BertTextTokenizer Tokenizer => _tokenizer;

    /// <summary>
    /// Loads the vocabulary and the ONNX model and runs one warm-up inference. The options are validated by whoever
    /// builds them (the host at start, the tools when parsing their arguments).
    /// </summary>
    /// <exception cref="ArgumentException">The execution provider or pooling name is unknown; the message names it.</exception>
    /// <exception cref="FileNotFoundException">The model or vocabulary file (or its folder) is missing; the message names the path.</exception>
    public static OnnxSentenceEncoder Load(EncoderOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;

        EncoderSource source = KnownEncoders.FindTransformer(options.Model) is { } named
            ? EncoderSource.FromPackage(named, options)
            : EncoderSource.FromFolder(options);
        (InferenceSession session, SessionOptions sessionOptions, string provider, bool halfPrecision) = CreateSession(source, options, logger);
        try
        {
            var encoder = new OnnxSentenceEncoder(session, sessionOptions, source.Tokenizer, options, source, provider, halfPrecision);
            logger.LogInformation(
                "Sentence encoder {Model} loaded from {Source}: dimension {Dimension}, pooling {Pooling}, provider {Provider}, precision {Precision}, max tokens {MaxTokens}.",
                options.Model, source.Description, encoder.Dimension, encoder.PoolingUsed, provider, encoder.ActivePrecision, encoder.MaxTokens);
            return encoder;
        }
        catch
        {
            session.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public TokenizedText Tokenize(string text) => _tokenizer.Tokenize(text, MaxTokens);

    /// <inheritdoc />
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var batch = new TokenizedText[texts.Count];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = Tokenize(texts[i]);
        }

        return Encode(batch);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Texts are run in groups of similar length, at most <see cref="EncoderOptions.MaxBatchSize"/> rows and
    /// <see cref="EncoderOptions.MaxBatchTokens"/> padded tokens each, so that short texts are not padded to the longest one.
    /// </remarks>
    public float[][] Encode(IReadOnlyList<TokenizedText> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (batch.Count == 0)
        {
            return [];
        }

        for (int i = 0; i < batch.Count; i++)
        {
            TokenizedText row = batch[i] ?? throw new ArgumentException($"Batch entry {i} is null.", nameof(batch));
            if (row.Length > MaxTokens)
            {
                throw new ArgumentException(
                    $"Batch entry {i} has {row.Length} tokens; the limit is {MaxTokens}. Tokenize with this encoder to truncate.", nameof(batch));
            }
        }

        var results = new float[batch.Count][];
        // A lone text (the usual micro-batch of a quiet silo) needs no sorting: run it without the grouping's allocations.
        if (batch.Count == 1)
        {
            int[] only = [0];
            Scatter(RunRows(batch, only, probeDimension: false), only, results);
            return results;
        }

        // Runs of similar length: sorted by length, a run ends at the row or padded-token limit, or where padding the
        // run to the next row's length would waste more than a quarter of its cells (attention makes a padded token
        // cost as much as a real one). Results are scattered back to the callers' order.
        int[] byLength = Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].Length).ToArray();
        int start = 0;
        while (start < byLength.Length)
        {
            int end = start + 1;
            long realTokens = batch[byLength[start]].Length;
            while (end < byLength.Length && end - start < _maxBatchSize)
            {
                int length = batch[byLength[end]].Length;
                long paddedCells = (long)(end - start + 1) * length;
                bool tooLarge = paddedCells > _maxBatchTokens;
                bool tooPadded = end - start >= MinRowsBeforePaddingSplit && paddedCells > PaddingTolerance * (realTokens + length);
                if (tooLarge || tooPadded)
                {
                    break;
                }

                realTokens += length;
                end++;
            }

            int[] chunk = byLength[start..end];
            Scatter(RunRows(batch, chunk, probeDimension: false), chunk, results);
            start = end;
        }

        return results;
    }

    /// <summary>Releases the ONNX session. Do not call while other threads are still encoding.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.Dispose();
        _sessionOptions.Dispose();
        _runOptions.Dispose();
    }

    private static void Scatter(float[][] vectors, int[] rowIndices, float[][] results)
    {
        for (int i = 0; i < rowIndices.Length; i++)
        {
            results[rowIndices[i]] = vectors[i];
        }
    }

    /// <summary>Runs one padded inference over the given rows and returns one unit vector per row, in order.</summary>
    private float[][] RunRows(IReadOnlyList<TokenizedText> batch, int[] rowIndices, bool probeDimension)
    {
        int rows = rowIndices.Length;
        int sequenceLength = 0;
        foreach (int index in rowIndices)
        {
            sequenceLength = Math.Max(sequenceLength, batch[index].Length);
        }

        int cells = rows * sequenceLength;
        // Pooled buffers: a full batch is 64 x 256 x 8 bytes per input, large enough to land on the LOH every call.
        long[] ids = ArrayPool<long>.Shared.Rent(cells);
        long[] mask = ArrayPool<long>.Shared.Rent(cells);
        long[]? tokenTypes = DeclaresTokenTypeIds ? ArrayPool<long>.Shared.Rent(cells) : null;
        var inputValues = new List<OrtValue>(_inputNames.Length);
        try
        {
            for (int r = 0; r < rows; r++)
            {
                long[] source = batch[rowIndices[r]].InputIds;
                Span<long> idRow = ids.AsSpan(r * sequenceLength, sequenceLength);
                Span<long> maskRow = mask.AsSpan(r * sequenceLength, sequenceLength);
                source.CopyTo(idRow);
                idRow[source.Length..].Fill(_tokenizer.PadId);
                maskRow[..source.Length].Fill(1);
                maskRow[source.Length..].Clear();
            }

            tokenTypes?.AsSpan(0, cells).Clear();
            long[] shape = [rows, sequenceLength];
            inputValues.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, cells), shape));
            inputValues.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, cells), shape));
            if (tokenTypes is not null)
            {
                inputValues.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, tokenTypes.AsMemory(0, cells), shape));
            }

            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_runOptions, _inputNames, inputValues, _outputNames);
            if (!probeDimension)
            {
                Interlocked.Increment(ref _inferenceRuns);
            }

            OrtValue output = outputs[0];
            long[] outputShape = output.GetTensorTypeAndShape().Shape;
            ReadOnlySpan<float> data = output.GetTensorDataAsSpan<float>();
            int dimension = (int)outputShape[^1];
            if (!probeDimension && dimension != Dimension)
            {
                throw new InvalidDataException($"Model output '{_outputNames[0]}' has dimension {dimension}, expected {Dimension}.");
            }

            return _pooling switch
            {
                PoolingMode.MeanPooling => SentencePooling.MeanPool(batch, rowIndices, data, outputShape, sequenceLength, dimension, _outputNames[0]),
                PoolingMode.Cls => SentencePooling.ClsPool(data, outputShape, rows, sequenceLength, dimension, _outputNames[0]),
                _ => SentencePooling.CopyPooled(data, outputShape, rows, dimension, _outputNames[0]),
            };
        }
        finally
        {
            foreach (OrtValue value in inputValues)
            {
                value.Dispose();
            }

            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            if (tokenTypes is not null)
            {
                ArrayPool<long>.Shared.Return(tokenTypes);
            }
        }
    }

    /// <remarks>
    /// Fp16 is not honoured on the CPU: ONNX Runtime's CPU provider has float16 kernels for few operators and wraps the
    /// rest in Casts to float32 and back (58 Casts in all-MiniLM-L6-v2's optimised graph), so it computes in float32
    /// anyway; measured there, the float16 graph was no faster (206 vs 226 ms for a 182-token text, within the noise
    /// of a shared machine) and only its weights were rounded.
    /// </remarks>
    private static (InferenceSession Session, SessionOptions Options, string Provider, bool HalfPrecision) CreateSession(
        EncoderSource source, EncoderOptions options, ILogger logger)
    {
        bool half = WantsHalfPrecision(options, logger);
        if (options.ParseExecutionProvider())
        {
            // Converted before CUDA is tried, so that a model the conversion cannot handle fails with its own message
            // instead of reading as "CUDA unavailable".
            byte[]? halfModel = half ? ConvertToHalfPrecision(source, logger) : null;
            SessionOptions cudaOptions = BuildSessionOptions(options);
            try
            {
                // Throws on the CPU-only package (no CUDA entry point) and on the GPU package when the CUDA/cuDNN
                // libraries or the device are missing; session creation is inside the try for the latter case.
                cudaOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                InferenceSession session = halfModel is null ? source.OpenSession(cudaOptions) : new InferenceSession(halfModel, cudaOptions);
                return (session, cudaOptions, "Cuda", half);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                cudaOptions.Dispose();
                logger.LogWarning(
                    "CUDA execution provider was requested (device {CudaDeviceId}) but is unavailable, so the encoder uses the CPU{PrecisionNote}. Reason: {Reason}",
                    options.CudaDeviceId, half ? $" and the float32 graph ({EncoderOptions.SectionName}:{nameof(EncoderOptions.Precision)}=Fp16 applies to CUDA only)" : string.Empty,
                    exception.Message);
            }
        }
        else if (half)
        {
            logger.LogWarning(
                "{Setting}=Fp16 applies to the CUDA execution provider only; the encoder runs the float32 graph on the CPU.",
                $"{EncoderOptions.SectionName}:{nameof(EncoderOptions.Precision)}");
        }

        SessionOptions cpuOptions = BuildSessionOptions(options);
        try
        {
            return (source.OpenSession(cpuOptions), cpuOptions, "Cpu", false);
        }
        catch
        {
            cpuOptions.Dispose();
            throw;
        }
    }

    /// <summary>Whether Fp16 was asked for and applies to the model: potion is an int8 embedding table, with nothing for float16 to speed up.</summary>
    private static bool WantsHalfPrecision(EncoderOptions options, ILogger logger)
    {
        if (!options.ParsePrecision())
        {
            return false;
        }

        if (KnownEncoders.IsPotion(options.Model))
        {
            logger.LogWarning(
                "{Setting}=Fp16 does not apply to {Model}, a static int8 embedding table; it runs as shipped.",
                $"{EncoderOptions.SectionName}:{nameof(EncoderOptions.Precision)}", options.Model);
            return false;
        }

        return true;
    }

    private static byte[] ConvertToHalfPrecision(EncoderSource source, ILogger logger)
    {
        long start = Stopwatch.GetTimestamp();
        byte[] model = source.ReadModel();
        byte[] half = FloatToHalfGraphConverter.Convert(model);
        logger.LogInformation(
            "Converted {Source} to float16 in {Milliseconds:F0} ms ({Float32Bytes} bytes to {Float16Bytes}).",
            source.Description, Stopwatch.GetElapsedTime(start).TotalMilliseconds, model.Length, half.Length);
        return half;
    }

    private static SessionOptions BuildSessionOptions(EncoderOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (options.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
        }

        return sessionOptions;
    }
}
