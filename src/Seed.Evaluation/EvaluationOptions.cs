using System.Globalization;
using Seed.Core;
using Seed.Encoders;

namespace Seed.Evaluation;

/// <summary>Command-line settings of the evaluation; relative paths are resolved with <see cref="RepositoryPaths.Resolve"/>.</summary>
public sealed class EvaluationOptions
{
    /// <summary>The usage line printed on bad arguments.</summary>
    public const string Usage =
        "usage: Seed.Evaluation --data <folder> [--model <folder>, default the encoder's: models/interest-lstm for potion-base-4M, models/interest-lstm-<encoder> otherwise] "
        + "[--encoder potion-base-4M | all-MiniLM-L6-v2 | arctic-embed-xs | <folder>] [--k 10] [--output <file.json>] "
        + "[--cluster orleans:<ip>:<gateway port>] [--http <api url>] [--cluster-id seed-dev] [--service-id seed] [--user-prefix <text>]";

    /// <summary>Data set folder (MovieLens latest, 100K or 1M layout, or Amazon reviews JSON lines).</summary>
    public required string DataPath { get; init; }

    /// <summary>Interest model folder; without model.safetensors the "lstm" model is skipped.</summary>
    public string ModelPath { get; init; } = ShippedPaths.InterestModel;

    /// <summary>Sentence encoder for item text embeddings: a name from <see cref="KnownEncoders.Names"/> or a folder (resolved).</summary>
    public string Encoder { get; init; } = KnownEncoders.PotionBase4M;

    /// <summary>Cutoff of HR, NDCG and coverage.</summary>
    public int K { get; init; } = 10;

    /// <summary>Where the JSON results go; null prints only.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Gateway (<c>ip:port</c>) of a running silo: the replay is also sent through an Orleans client (the "online" path).</summary>
    public string? OrleansGateway { get; init; }

    /// <summary>Root URL of a running silo's REST API: the replay is also sent through HTTP.</summary>
    public Uri? HttpEndpoint { get; init; }

    /// <summary>Orleans cluster id of <see cref="OrleansGateway"/> (the embedded default's).</summary>
    public string ClusterId { get; init; } = "seed-dev";

    /// <summary>Orleans service id of <see cref="OrleansGateway"/>.</summary>
    public string ServiceId { get; init; } = "seed";

    /// <summary>Prepended to user ids sent to a cluster, so every run starts from fresh user grains; null picks a unique one.</summary>
    public string? UserPrefix { get; init; }

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with <see cref="Usage"/> on anything else.</summary>
    public static EvaluationOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || args[i] is not ("--data" or "--model" or "--encoder" or "--k" or "--output" or "--cluster" or "--http" or "--cluster-id" or "--service-id" or "--user-prefix"))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. {Usage}");
            }

            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--data", out var data))
        {
            throw new ArgumentException($"--data is required. {Usage}");
        }

        var defaults = new EvaluationOptions { DataPath = data };
        var encoder = values.GetValueOrDefault("--encoder", defaults.Encoder);
        if (!KnownEncoders.IsKnownNameOrPath(encoder))
        {
            throw new ArgumentException(KnownEncoders.UnknownNameMessage("--encoder", encoder));
        }

        var k = values.TryGetValue("--k", out var kText) ? int.Parse(kText, CultureInfo.InvariantCulture) : defaults.K;
        if (k <= 0)
        {
            throw new ArgumentException($"--k must be positive (was {k}). {Usage}");
        }

        string? gateway = null;
        if (values.TryGetValue("--cluster", out var cluster))
        {
            gateway = cluster.StartsWith("orleans:", StringComparison.Ordinal) && cluster.Length > "orleans:".Length
                ? cluster["orleans:".Length..]
                : throw new ArgumentException($"--cluster must be orleans:<ip>:<gateway port> (was '{cluster}'). {Usage}");
        }

        Uri? http = null;
        if (values.TryGetValue("--http", out var url) && !(Uri.TryCreate(url, UriKind.Absolute, out http) && http.Scheme is "http" or "https"))
        {
            throw new ArgumentException($"--http must be an absolute http(s) URL (was '{url}'). {Usage}");
        }

        return new EvaluationOptions
        {
            OrleansGateway = gateway,
            HttpEndpoint = http,
            ClusterId = values.GetValueOrDefault("--cluster-id", defaults.ClusterId),
            ServiceId = values.GetValueOrDefault("--service-id", defaults.ServiceId),
            UserPrefix = values.GetValueOrDefault("--user-prefix"),
            DataPath = RepositoryPaths.Resolve(data),
            // Without --model, the model trained for the chosen encoder; where there is none the lstm model is skipped.
            ModelPath = RepositoryPaths.Resolve(values.GetValueOrDefault("--model", KnownEncoders.DefaultInterestModelPath(encoder))),
            Encoder = KnownEncoders.IsNamed(encoder) ? encoder : RepositoryPaths.Resolve(encoder),
            K = k,
            OutputPath = values.TryGetValue("--output", out var output) ? RepositoryPaths.Resolve(output) : null,
        };
    }
}
