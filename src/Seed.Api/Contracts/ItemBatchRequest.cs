namespace Seed.Api.Contracts;

/// <summary>Body of <c>POST /v1/items</c>.</summary>
public sealed class ItemBatchRequest
{
    public List<ItemRequest?>? Items { get; set; }
}
