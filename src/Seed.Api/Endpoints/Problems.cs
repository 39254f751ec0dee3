using Microsoft.AspNetCore.Http;
using Seed.Api.Validation;

namespace Seed.Api.Endpoints;

/// <summary>One way of answering bad input: HTTP 400 with a validation problem-details body naming each field.</summary>
public static class Problems
{
    public static IResult BadRequest(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is invalid; nothing was changed.");

    public static IResult BadRequest(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return BadRequest(errors);
    }
}
