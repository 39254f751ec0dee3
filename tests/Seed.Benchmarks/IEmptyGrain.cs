using Seed.Abstractions.Events;

namespace Seed.Benchmarks;

/// <summary>A grain whose methods do nothing: the price of a bare Orleans call, the floor of every grain path.</summary>
[Alias("Seed.Benchmarks.IEmptyGrain")]
public interface IEmptyGrain : IGrainWithStringKey
{
    [Alias("Nothing")]
    Task NothingAsync();

    /// <summary>Takes an event batch and answers a batch result without applying anything: an event's payload and reply alone.</summary>
    [Alias("CarryEvents")]
    Task<EventBatchResult> CarryEventsAsync(IReadOnlyList<UserEvent> events);
}
