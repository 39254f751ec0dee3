namespace Seed.Benchmarks;

/// <summary>The benchmark's floor: a call that reaches a grain and returns at once.</summary>
public sealed class EmptyGrain : Grain, IEmptyGrain
{
    public Task NothingAsync() => Task.CompletedTask;
}
