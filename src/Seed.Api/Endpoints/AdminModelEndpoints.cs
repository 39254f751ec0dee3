using Microsoft.AspNetCore.Http;
using Seed.Abstractions.Grains;
using Seed.Api.Contracts;

namespace Seed.Api.Endpoints;

/// <summary>
/// <c>POST /v1/admin/model/reload</c>: deploys an interest model folder to the whole cluster through the model registry.
/// 200 with the version served once the folder loaded (the registry's silo serves it at once, the others within
/// their sync interval); 422 naming the problem when it did not, the running model kept.
/// </summary>
public static class AdminModelEndpoints
{
    public static async Task<IResult> ReloadAsync(HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? path = null;
        // No body means "load the deployed folder again", e.g. after its files were replaced in place.
        if (context.Request.ContentLength is not 0)
        {
            var (request, errors) = await JsonBody.ReadAsync<ModelReloadRequest>(context);
            if (!errors.IsEmpty)
            {
                return Problems.BadRequest(errors);
            }

            if (request!.Path is { } requested && string.IsNullOrWhiteSpace(requested))
            {
                return Problems.BadRequest("path", "The path must not be blank; leave it out to reload the deployed folder.");
            }

            path = request.Path;
        }

        var result = await grains.GetGrain<IModelRegistryGrain>(0).DeployAsync(path);
        return result.Loaded
            ? TypedResults.Ok(result)
            : TypedResults.Problem(
                detail: result.Error,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The model folder was not loaded; the running model is kept.",
                extensions: new Dictionary<string, object?> { ["path"] = result.Path, ["runningVersion"] = result.Version });
    }
}
