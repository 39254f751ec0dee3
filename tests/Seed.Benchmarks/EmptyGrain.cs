using Seed.Abstractions.Events;

namespace Seed.Benchmarks;

/// <summary>The benchmark's floor: a call that reaches a grain and returns at once.</summary>
public sealed class EmptyGrain : Grain, IEmptyGrain
{
    public Task NothingAsync() => Task.CompletedTask;

    public Task<EventBatchResult> CarryEventsAsync(IReadOnlyList<UserEvent> events) =>
        Task.FromResult(new EventBatchResult { Applied = events.Count, EventCount = events.Count, Version = events.Count });
}
