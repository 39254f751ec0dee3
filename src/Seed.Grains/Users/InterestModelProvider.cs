using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Models;
using Seed.Core;
using Seed.Core.Interest;
using Seed.Core.Telemetry;
using Seed.Encoders;
using Seed.Grains.Models;

namespace Seed.Grains.Users;

/// <summary>
/// The interest model this silo serves. Loads the configured folder at start (without a weights file the product runs
/// the documented long-term-only fallback; it never invents weights) and swaps in another one on reload. Grains read
/// <see cref="Current"/> once per call and compare it by reference with the model their state was built with, so a
/// swap is one atomic reference assignment and no call ever sees half of two models.
/// </summary>
public sealed class InterestModelProvider
{
    private readonly InterestOptions _interestOptions;
    private readonly int _encoderDimension;
    private readonly ILogger<InterestModelProvider> _logger;
    private readonly Lock _swapLock = new();

    /// <summary>Versions this silo served before the current one: a query stamped with one of them is stale, not early.</summary>
    private readonly HashSet<string> _retiredVersions = new(StringComparer.Ordinal);

    private LoadedInterestModel _current;

    public InterestModelProvider(
        IOptions<InterestModelOptions> modelOptions,
        IOptions<InterestOptions> interestOptions,
        IOptions<EncoderOptions> encoderOptions,
        ISentenceEncoder encoder,
        ILogger<InterestModelProvider> logger)
    {
        _interestOptions = interestOptions.Value;
        _encoderDimension = encoder.Dimension;
        _logger = logger;
        var encoderName = encoderOptions.Value.Model;
        var configured = modelOptions.Value.Path;
        // Path left at its default (potion's 128-d model) follows the encoder: a named transformer gets the model
        // trained for it, or the fallback when none is committed. A path the operator chose is taken as written.
        var followsEncoder = string.Equals(configured, ShippedPaths.InterestModel, StringComparison.Ordinal);
        var directory = RepositoryPaths.Resolve(followsEncoder ? KnownEncoders.DefaultInterestModelPath(encoderName) : configured);
        if (!File.Exists(Path.Combine(directory, InterestModel.WeightsFileName)))
        {
            var reason = Directory.Exists(directory) ? $"no {InterestModel.WeightsFileName} in {directory}" : $"model directory {directory} does not exist";
            _current = ServeFallback(directory, reason, encoderName);
            return;
        }

        if (!InterestModelLoader.TryLoad(directory, _interestOptions, _encoderDimension, out var model, out var error))
        {
            // The default folder trained for another encoder's width (a folder encoder other than potion) was not
            // chosen by anyone: that is "no model for this encoder", not a broken deployment.
            if (followsEncoder && InterestModel.TryLoad(directory, out var other, out _) && other!.EmbeddingDim != _encoderDimension)
            {
                _current = ServeFallback(directory, $"{directory} holds a model for {other.EmbeddingDim}-d embeddings, the encoder produces {_encoderDimension}-d", encoderName);
                return;
            }

            // A folder that holds weights but does not load, or an explicitly chosen model of the wrong size, is a
            // broken deployment: the silo refuses to start on it.
            throw new InvalidOperationException(
                $"{error} (encoder {encoderName}); fix the folder, point {InterestModelOptions.SectionName}:Path at a model trained for {encoderName}, or choose the encoder it was trained for in {EncoderOptions.SectionName}:Model.");
        }

        _current = model!;
        RecordServed(_current, 1);
        logger.LogInformation("Interest model loaded: {Detail}", model!.Detail);
    }

    private LoadedInterestModel ServeFallback(string directory, string reason, string encoderName)
    {
        var fallback = InterestModelLoader.Fallback(directory, reason, _interestOptions, _encoderDimension);
        RecordServed(fallback, 1);
        _logger.LogWarning(
            "No learned interest model for encoder {Encoder} ({Reason}); user grains rank by the time-decayed long-term vector only. Train one with Seed.Training --encoder {Encoder}, or set {Setting}.",
            encoderName, reason, encoderName, $"{InterestModelOptions.SectionName}:Path");
        return fallback;
    }

    /// <summary>The model served now; read it once per call and use that instance throughout.</summary>
    public LoadedInterestModel Current => Volatile.Read(ref _current);

    public InterestModelMode Mode => Current.Mode;

    /// <summary>Which weights are loaded, or why the fallback runs.</summary>
    public string Detail => Current.Detail;

    public InterestTracker Tracker => Current.Tracker;

    /// <summary>Why the last load of another folder on this silo was refused; null once a load succeeds.</summary>
    public string? LastLoadError { get; private set; }

    /// <summary>
    /// Loads <paramref name="directory"/> without serving it, for a caller that must record it before the swap.
    /// <paramref name="expectedVersion"/>, when given, must match the folder's content hash: a silo following the
    /// registry refuses a folder edited since it was deployed rather than serve something the others do not.
    /// </summary>
    public ModelReloadResult TryLoad(string directory, string? expectedVersion, out LoadedInterestModel? model)
    {
        var resolved = RepositoryPaths.Resolve(directory);
        string? error = null;
        if (!InterestModelLoader.TryLoad(resolved, _interestOptions, _encoderDimension, out model, out var loadError))
        {
            error = loadError;
        }
        else if (expectedVersion is not null && model!.Version != expectedVersion)
        {
            error = $"{resolved} now holds model version {model.Version}, but the cluster deployed {expectedVersion}; redeploy the folder";
            model = null;
        }

        if (error is not null)
        {
            LastLoadError = error;
            var running = Current;
            return new ModelReloadResult { Loaded = false, Version = running.Version, Path = resolved, Detail = running.Detail, Error = error };
        }

        return new ModelReloadResult { Loaded = true, Version = model!.Version, Path = resolved, Detail = model.Detail };
    }

    /// <summary>Serves <paramref name="model"/> from now on (a no-op when its version is already served).</summary>
    public void Use(LoadedInterestModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_swapLock)
        {
            LastLoadError = null;
            var previous = _current;
            if (previous.Version == model.Version)
            {
                return;
            }

            _retiredVersions.Add(previous.Version);
            _retiredVersions.Remove(model.Version);
            Volatile.Write(ref _current, model);
            RecordServed(previous, 0);
            RecordServed(model, 1);
            _logger.LogInformation("Interest model {Previous} replaced by {Version}: {Detail}", previous.Version, model.Version, model.Detail);
        }
    }

    /// <summary>The model-info gauge: 1 for the model served, 0 for the one it replaced (a gauge keeps its last value per tag set).</summary>
    private static void RecordServed(LoadedInterestModel model, int value) =>
        SeedMetrics.ModelInfo.Record(value, new("interest_model", model.Detail), new("version", model.Version), new("mode", model.Mode.ToString()));

    /// <summary>True when this silo served <paramref name="version"/> before the current model.</summary>
    public bool IsRetired(string version)
    {
        lock (_swapLock)
        {
            return _retiredVersions.Contains(version);
        }
    }
}
