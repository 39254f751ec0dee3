using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seed.Api.Validation;

namespace Seed.Api.Endpoints;

/// <summary>
/// Reads a JSON body ourselves instead of through parameter binding, so malformed JSON becomes a problem-details
/// 400 that names the JSON path where parsing failed, not a bare 400 with no body.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, ValidationErrors Errors)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new ValidationErrors();
        if (!context.Request.HasJsonContentType())
        {
            errors.Add("body", "The request body must be JSON (Content-Type: application/json).");
            return (null, errors);
        }

        try
        {
            var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            if (value is null)
            {
                errors.Add("body", "The request body must be a JSON object, not null.");
            }

            return (value, errors);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            errors.Add(path, $"Malformed JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}");
            return (null, errors);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] + "." : message;
    }
}
