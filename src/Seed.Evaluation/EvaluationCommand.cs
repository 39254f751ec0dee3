using System.CommandLine;
using Seed.Core;
using Seed.Encoders;
using Seed.Tools;

namespace Seed.Evaluation;

/// <summary>The evaluation's command line (System.CommandLine): its options, their checks, and the <see cref="EvaluationOptions"/> they give.</summary>
public sealed class EvaluationCommand : IToolCommand<EvaluationOptions>
{
    private static readonly EvaluationOptions Defaults = new() { DataPath = ShippedPaths.MovieLens };

    private readonly Option<string> _data = CommonOptions.Data("Data set: MovieLens (latest, 100K or 1M layout) or Amazon reviews (JSON lines).");
    private readonly Option<string?> _model = new("--model")
    {
        Description = "Interest model folder; without model.safetensors the lstm model is skipped. "
            + "Default: the encoder's, models/interest-lstm for potion-base-4M and models/interest-lstm-<encoder> otherwise.",
        HelpName = "folder",
    };

    private readonly Option<string> _encoder = CommonOptions.Encoder();
    private readonly Option<int> _k = TypedOptions.Int("--k", "Cutoff of HR, NDCG and coverage.", Defaults.K);
    private readonly Option<string?> _output = new("--output") { Description = "Also write the results as JSON to this file.", HelpName = "file" };
    private readonly Option<string?> _cluster = CommonOptions.Cluster("Also replay through a running silo's gateway, as an Orleans client does (the online path).");
    private readonly Option<Uri?> _http = CommonOptions.Http("Also replay through a running silo's REST API.");
    private readonly Option<string> _clusterId = CommonOptions.ClusterId();
    private readonly Option<string> _serviceId = CommonOptions.ServiceId();
    private readonly Option<string?> _userPrefix = new("--user-prefix")
    {
        Description = "Prepended to the user ids sent to a cluster; by default a new one each run, so that every user starts fresh.",
        HelpName = "text",
    };

    public EvaluationCommand()
    {
        Root = new RootCommand("Chronological-replay evaluation: HR@K, NDCG@K, MRR, recall and coverage of the learned interest model and "
            + "the baselines on a public data set, offline and, with --cluster or --http, through a running silo.")
        {
            _data, _model, _encoder, _k, _output, _cluster, _http, _clusterId, _serviceId, _userPrefix,
        };
    }

    public RootCommand Root { get; }

    /// <summary>Runs <paramref name="run"/> with the options <paramref name="args"/> give; help, or one error line and exit code 2.</summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, Func<EvaluationOptions, Task<int>> run, TextWriter? output = null, TextWriter? error = null) =>
        ToolCommandLine.InvokeAsync(new EvaluationCommand(), args, run, output, error);

    /// <summary>The options <paramref name="args"/> give; <see cref="ArgumentException"/> with the error line on a mistake.</summary>
    public static EvaluationOptions Parse(IReadOnlyList<string> args) => ToolCommandLine.Parse(new EvaluationCommand(), args);

    /// <summary>The options of a command line that parsed, with relative paths resolved.</summary>
    public EvaluationOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var encoder = result.GetValue(_encoder)!;
        return new EvaluationOptions
        {
            DataPath = RepositoryPaths.Resolve(result.GetValue(_data)!),
            // Without --model, the model trained for the chosen encoder; where there is none the lstm model is skipped.
            ModelPath = RepositoryPaths.Resolve(result.GetValue(_model) ?? KnownEncoders.DefaultInterestModelPath(encoder)),
            Encoder = encoder,
            K = result.GetValue(_k),
            OutputPath = result.GetValue(_output) is { } output ? RepositoryPaths.Resolve(output) : null,
            OrleansGateway = result.GetValue(_cluster),
            HttpEndpoint = result.GetValue(_http),
            ClusterId = result.GetValue(_clusterId)!,
            ServiceId = result.GetValue(_serviceId)!,
            UserPrefix = result.GetValue(_userPrefix),
        };
    }
}
