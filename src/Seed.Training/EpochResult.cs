namespace Seed.Training;

/// <summary>One epoch: mean training loss over its steps and the validation metrics after it.</summary>
internal sealed record EpochResult(int Epoch, double TrainLoss, ValidationMetrics Validation, double Seconds);
