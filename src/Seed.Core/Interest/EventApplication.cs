namespace Seed.Core.Interest;

/// <summary>What <see cref="InterestTracker.Apply"/> did with one event.</summary>
/// <param name="Weight">Signed weight the event was applied with.</param>
/// <param name="WasLate">True when the event was older than the user's latest one and was applied at that later time.</param>
/// <param name="SecondsSincePrevious">Time gap used for decay and features (0 for the first, a late or a simultaneous event).</param>
public readonly record struct EventApplication(float Weight, bool WasLate, double SecondsSincePrevious);
