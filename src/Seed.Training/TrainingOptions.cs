using Seed.Core;
using Seed.Encoders;

namespace Seed.Training;

/// <summary>
/// Settings of the trainer, built from the command line by <see cref="TrainingCommand"/>; every hyperparameter has a
/// documented default so a bare run reproduces the committed model.
/// </summary>
internal sealed class TrainingOptions
{
    /// <summary>The data set folder; the shipped MovieLens copy by default, so a bare clone trains the committed model.</summary>
    public string DataPath { get; set; } = RepositoryPaths.Resolve(ShippedPaths.MovieLens);

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
}
