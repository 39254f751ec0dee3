using System.Globalization;
using Npgsql;
using Seed.Core;
using Seed.Encoders;

namespace Seed.Training;

/// <summary>Command line of the trainer; every hyperparameter has a documented default so a bare run reproduces the committed model.</summary>
internal sealed class TrainingOptions
{
    public string DataPath { get; set; } = RepositoryPaths.Resolve("../shared/data/ml-latest-small");

    /// <summary>
    /// An Npgsql connection string: train on the cluster's own event log and item table instead of a data set folder
    /// (<see cref="Seed.Datasets.PostgresEventLogReader"/>); null to read <see cref="DataPath"/>.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>A name from <see cref="KnownEncoders.Names"/> or an encoder folder (resolved).</summary>
    public string Encoder { get; set; } = KnownEncoders.PotionBase4M;

    /// <summary>Where the model goes; without --output, the folder of the encoder's own model (<see cref="KnownEncoders.DefaultInterestModelPath"/>).</summary>
    public string OutputPath { get; set; } = RepositoryPaths.Resolve(ShippedPaths.InterestModel);

    public int Seed { get; set; } = 42;

    public int HiddenDim { get; set; } = 32;

    /// <summary>Events per truncated-BPTT chunk.</summary>
    public int ChunkLength { get; set; } = 50;

    /// <summary>Users per training step.</summary>
    public int BatchUsers { get; set; } = 32;

    /// <summary>Uniformly sampled negatives per step, on top of the batch's own targets.</summary>
    public int SampledNegatives { get; set; } = 1024;

    public double LearningRate { get; set; } = 5e-4;

    public int MaxEpochs { get; set; } = 30;

    /// <summary>Epochs without a better validation NDCG@10 before stopping.</summary>
    public int Patience { get; set; } = 3;

    /// <summary>Wall-clock budget; training stops after the epoch that crosses it and keeps the best epoch.</summary>
    public double MaxMinutes { get; set; } = 13;

    public int PopularityBuckets { get; set; } = 256;

    /// <summary>Same split as the evaluation: the trainer only ever sees events before this quantile of timestamps.</summary>
    public double SplitQuantile { get; set; } = 0.8;

    /// <summary>The last share of the history (by time) whose targets form the validation slice.</summary>
    public double ValidationShare { get; set; } = 0.1;

    /// <summary>Half-life of the long-term vector (days); written to the model config so serving uses the same.</summary>
    public double LongTermHalfLifeDays { get; set; } = 30;

    /// <summary>
    /// TorchSharp intra-op threads. Results are reproducible for a fixed seed and thread count. One by default: the
    /// tensors here are small, and OpenMP's spinning worker threads slowed training several-fold on a busy 2-core machine.
    /// </summary>
    public int Threads { get; set; } = 1;

    public static TrainingOptions Parse(IReadOnlyList<string> args)
    {
        var options = new TrainingOptions();
        var outputGiven = false;
        var dataGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {name} needs a value.");
            int Int() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new ArgumentException($"Option {name} needs a positive integer.");
            double Real() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
                ? v : throw new ArgumentException($"Option {name} needs a positive number.");
            switch (name)
            {
                case "--data":
                    options.DataPath = Path.GetFullPath(Value());
                    dataGiven = true;
                    break;
                case "--from-postgres":
                    options.PostgresConnectionString = ConnectionString(Value());
                    break;
                case "--encoder":
                    var encoder = Value();
                    options.Encoder = KnownEncoders.IsKnownNameOrPath(encoder)
                        ? KnownEncoders.IsNamed(encoder) ? encoder : Path.GetFullPath(encoder)
                        : throw new ArgumentException(KnownEncoders.UnknownNameMessage("--encoder", encoder));
                    break;
                case "--output":
                    options.OutputPath = Path.GetFullPath(Value());
                    outputGiven = true;
                    break;
                case "--seed":
                    options.Seed = Int();
                    break;
                case "--hidden":
                    options.HiddenDim = Int();
                    break;
                case "--chunk":
                    options.ChunkLength = Int();
                    break;
                case "--batch-users":
                    options.BatchUsers = Int();
                    break;
                case "--negatives":
                    options.SampledNegatives = Int();
                    break;
                case "--lr":
                    options.LearningRate = Real();
                    break;
                case "--epochs":
                    options.MaxEpochs = Int();
                    break;
                case "--patience":
                    options.Patience = Int();
                    break;
                case "--max-minutes":
                    options.MaxMinutes = Real();
                    break;
                case "--half-life-days":
                    options.LongTermHalfLifeDays = Real();
                    break;
                case "--threads":
                    options.Threads = Int();
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown option '{name}'. Options: --data --from-postgres --encoder --output --seed --hidden --chunk --batch-users --negatives --lr --epochs --patience --max-minutes --half-life-days --threads");
            }
        }

        if (!outputGiven)
        {
            options.OutputPath = RepositoryPaths.Resolve(KnownEncoders.DefaultInterestModelPath(options.Encoder));
        }

        if (options.PostgresConnectionString is not null)
        {
            return dataGiven ? throw new ArgumentException("--data and --from-postgres are mutually exclusive: give one source of events.") : options;
        }

        if (!Directory.Exists(options.DataPath))
        {
            throw new ArgumentException($"--data: folder {options.DataPath} does not exist.");
        }

        return options;
    }

    /// <summary>The command line with the password of a <c>--from-postgres</c> connection string left out, for the model card.</summary>
    public static IReadOnlyList<string> WithoutPassword(IReadOnlyList<string> args)
    {
        var shown = args.ToArray();
        for (var i = 0; i + 1 < shown.Length; i++)
        {
            if (shown[i] == "--from-postgres" && TryParseConnectionString(shown[i + 1], out var builder) && builder.Password is not null)
            {
                builder.Password = null;
                shown[i + 1] = builder.ConnectionString;
            }
        }

        return shown;
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

    // Parsed here so a mistyped keyword is reported with the other command-line mistakes, before any work.
    private static string ConnectionString(string value)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"--from-postgres: not a PostgreSQL connection string ({ex.Message})", ex);
        }
    }
}
