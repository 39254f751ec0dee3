using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Api.Contracts;
using Seed.Api.Validation;

namespace Seed.Api.Endpoints;

/// <summary><c>POST /v1/items</c>: batch upsert; text is embedded by the encoder pool inside the cluster.</summary>
public static class ItemEndpoints
{
    public static async Task<IResult> PostItemsAsync(HttpContext context, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var (request, errors) = await JsonBody.ReadAsync<ItemBatchRequest>(context);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        var items = ItemBatchValidator.Validate(request, options.Value, errors);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        var upserted = await grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(items);
        return TypedResults.Ok(new ItemBatchResponse(upserted));
    }
}
