using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Seed.Abstractions;
using Seed.Api.Contracts;

namespace Seed.Api.Hosting;

/// <summary>
/// Lists the event type names on <see cref="EventRequest.Type"/> in the OpenAPI document. The field is read as text,
/// not as the enum, so that an unknown name is reported with the other errors of its batch (each naming its field
/// and the known names) instead of failing the whole body's deserialisation at the first one.
/// </summary>
internal sealed class EventTypeSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(EventRequest) && schema.Properties?.TryGetValue("type", out var type) == true && type is OpenApiSchema typeSchema)
        {
            typeSchema.Enum = [.. EventTypeNames.All.Select(name => (JsonNode)JsonValue.Create(name))];
        }

        return Task.CompletedTask;
    }
}
