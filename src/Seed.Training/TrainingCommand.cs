using System.CommandLine;
using Npgsql;
using Seed.Core;
using Seed.Encoders;
using Seed.Tools;

namespace Seed.Training;

/// <summary>The trainer's command line (System.CommandLine): its options, their checks, and the <see cref="TrainingOptions"/> they give.</summary>
internal sealed class TrainingCommand : IToolCommand<TrainingOptions>
{
    private const string FromPostgres = "--from-postgres";

    private static readonly TrainingOptions Defaults = new();

    private readonly Option<string> _data = CommonOptions.Data("Data set to train on: MovieLens (latest, 100K or 1M layout) or Amazon reviews (JSON lines).");

    // Parsed here so that a mistyped keyword is reported with the other command-line mistakes, before any work; the
    // message leaves the text out, since it may hold a password.
    private readonly Option<string?> _fromPostgres = TypedOptions.Parsed<string?>(
        FromPostgres, "Train on a cluster's own event log and item table instead of --data: an Npgsql connection string.", ConnectionString, "connection string");

    private readonly Option<string> _encoder = CommonOptions.Encoder();
    private readonly Option<string?> _output = new("--output")
    {
        Description = "Where the model goes. Default: the encoder's model folder, models/interest-lstm for potion-base-4M and "
            + "models/interest-lstm-<encoder> otherwise. Relative to the repository root.",
        HelpName = "folder",
    };

    private readonly Option<int> _seed = TypedOptions.Int("--seed", "Random seed (results are reproducible for a seed and --threads).", Defaults.Seed);
    private readonly Option<int> _hidden = TypedOptions.Int("--hidden", "LSTM hidden size.", Defaults.HiddenDim);
    private readonly Option<int> _chunk = TypedOptions.Int("--chunk", "Events per truncated-BPTT chunk.", Defaults.ChunkLength);
    private readonly Option<int> _batchUsers = TypedOptions.Int("--batch-users", "Users per training step.", Defaults.BatchUsers);
    private readonly Option<int> _negatives = TypedOptions.Int("--negatives", "Uniformly sampled negatives per step, on top of the batch's own targets.", Defaults.SampledNegatives);
    private readonly Option<double> _lr = TypedOptions.Positive("--lr", "Adam learning rate.", Defaults.LearningRate);
    private readonly Option<int> _epochs = TypedOptions.Int("--epochs", "Most epochs.", Defaults.MaxEpochs);
    private readonly Option<int> _patience = TypedOptions.Int("--patience", "Epochs without a better validation NDCG@10 before stopping.", Defaults.Patience);
    private readonly Option<double> _maxMinutes = TypedOptions.Positive("--max-minutes", "Time budget: training stops after the epoch that crosses it and keeps the best epoch.", Defaults.MaxMinutes);
    private readonly Option<double> _halfLifeDays = TypedOptions.Positive("--half-life-days", "Half-life of the long-term vector, written to the model's config.", Defaults.LongTermHalfLifeDays);
    private readonly Option<int> _threads = TypedOptions.Int("--threads", "TorchSharp intra-op threads.", Defaults.Threads);

    public TrainingCommand()
    {
        Root = new RootCommand("Trains the user interest model (LSTM, item tower, fusion, popularity prior) with TorchSharp on the CPU, chooses "
            + "the live co-like term on the validation slice, and writes the model folder with its card. A bare run reproduces models/interest-lstm.")
        {
            _data, _fromPostgres, _encoder, _output, _seed, _hidden, _chunk, _batchUsers, _negatives, _lr, _epochs, _patience, _maxMinutes,
            _halfLifeDays, _threads,
        };
    }

    public RootCommand Root { get; }

    /// <summary>Runs <paramref name="run"/> with the options <paramref name="args"/> give; help, or one error line and exit code 2.</summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, Func<TrainingOptions, Task<int>> run, TextWriter? output = null, TextWriter? error = null) =>
        ToolCommandLine.InvokeAsync(new TrainingCommand(), args, run, output, error);

    /// <summary>The options <paramref name="args"/> give; <see cref="ArgumentException"/> with the error line on a mistake.</summary>
    public static TrainingOptions Parse(IReadOnlyList<string> args) => ToolCommandLine.Parse(new TrainingCommand(), args);

    /// <summary>The command line with the password of a <c>--from-postgres</c> connection string left out, for the model card.</summary>
    public static IReadOnlyList<string> WithoutPassword(IReadOnlyList<string> args)
    {
        var shown = args.ToArray();
        for (var i = 0; i + 1 < shown.Length; i++)
        {
            if (shown[i] == FromPostgres && TryParseConnectionString(shown[i + 1], out var builder) && builder.Password is not null)
            {
                builder.Password = null;
                shown[i + 1] = builder.ConnectionString;
            }
        }

        return shown;
    }

    /// <summary>The options of a command line that parsed, with paths resolved; <see cref="ArgumentException"/> for two sources of events or a missing folder.</summary>
    public TrainingOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var encoder = result.GetValue(_encoder)!;
        var options = new TrainingOptions
        {
            DataPath = RepositoryPaths.Resolve(result.GetValue(_data)!),
            PostgresConnectionString = result.GetValue(_fromPostgres),
            Encoder = encoder,
            // Without --output, the folder of the encoder's own model, so that training for another encoder never overwrites it.
            OutputPath = RepositoryPaths.Resolve(result.GetValue(_output) ?? KnownEncoders.DefaultInterestModelPath(encoder)),
            Seed = result.GetValue(_seed),
            HiddenDim = result.GetValue(_hidden),
            ChunkLength = result.GetValue(_chunk),
            BatchUsers = result.GetValue(_batchUsers),
            SampledNegatives = result.GetValue(_negatives),
            LearningRate = result.GetValue(_lr),
            MaxEpochs = result.GetValue(_epochs),
            Patience = result.GetValue(_patience),
            MaxMinutes = result.GetValue(_maxMinutes),
            LongTermHalfLifeDays = result.GetValue(_halfLifeDays),
            Threads = result.GetValue(_threads),
        };

        if (options.PostgresConnectionString is not null)
        {
            return result.GetResult(_data) is { Implicit: false }
                ? throw new ArgumentException("--data and --from-postgres are mutually exclusive: give one source of events.")
                : options;
        }

        return Directory.Exists(options.DataPath) ? options : throw new ArgumentException($"--data: folder {options.DataPath} does not exist.");
    }

    private static (string?, string?) ConnectionString(string text)
    {
        try
        {
            return (new NpgsqlConnectionStringBuilder(text).ConnectionString, null);
        }
        catch (ArgumentException ex)
        {
            return (null, $"{FromPostgres}: not a PostgreSQL connection string ({ex.Message}).");
        }
    }

    private static bool TryParseConnectionString(string value, out NpgsqlConnectionStringBuilder builder)
    {
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            builder = new NpgsqlConnectionStringBuilder();
            return false;
        }
    }
}
