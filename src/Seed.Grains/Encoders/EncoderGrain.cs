using Orleans.Concurrency;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Models;
using Seed.Encoders;
using Seed.Grains.Users;

namespace Seed.Grains.Encoders;

/// <summary>
/// A stateless encoder worker. Activations are local to the caller's silo, and reentrant so that many requests
/// can wait on the silo's batching queue at once: that is what lets concurrent texts share one ONNX Runtime run.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class EncoderGrain(
    MicroBatchingEncoder batchingEncoder,
    ItemTextEncoder itemTextEncoder,
    OnnxSentenceEncoder encoder,
    InterestModelProvider interestModel,
    ILocalSiloDetails siloDetails) : Grain, IEncoderGrain
{
    public async Task<float[][]> EncodeAsync(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Count switch
        {
            0 => [],
            1 => [await batchingEncoder.EncodeAsync(texts[0])],
            _ => await batchingEncoder.EncodeManyAsync(texts),
        };
    }

    public Task<float[][]> EncodeItemTextsAsync(IReadOnlyList<string> texts) => itemTextEncoder.EncodeAsync(texts);

    public Task<ModelStatus> DescribeAsync()
    {
        var statistics = batchingEncoder.GetStatistics();
        var served = interestModel.Current;
        return Task.FromResult(new ModelStatus
        {
            EncoderModel = encoder.ModelDirectory,
            ExecutionProvider = encoder.ActiveExecutionProvider,
            Pooling = encoder.PoolingUsed,
            Dimension = encoder.Dimension,
            MaxTokens = encoder.MaxTokens,
            InterestModelMode = served.Mode,
            InterestModelDetail = served.Detail,
            InterestModelVersion = served.Version,
            InterestModelLoadError = interestModel.LastLoadError,
            EncoderRequests = statistics.Requests,
            EncoderCacheHits = statistics.CacheHits,
            EncoderBatches = statistics.Batches,
            SiloAddress = siloDetails.SiloAddress.ToString(),
        });
    }
}
