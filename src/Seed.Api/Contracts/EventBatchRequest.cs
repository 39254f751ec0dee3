namespace Seed.Api.Contracts;

/// <summary>Body of <c>POST /v1/events</c>.</summary>
public sealed class EventBatchRequest
{
    public List<EventRequest?>? Events { get; set; }
}
