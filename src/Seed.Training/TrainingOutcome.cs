namespace Seed.Training;

/// <summary>What a training run produced: the kept epoch, its validation metrics and the wall time.</summary>
internal sealed record TrainingOutcome(int BestEpoch, ValidationMetrics Validation, TimeSpan Elapsed);
