namespace Seed.Api.Hosting;

/// <summary>
/// Endpoint metadata naming the JSON body a handler reads itself (through <c>JsonBody</c>), for the OpenAPI document.
/// Unlike <c>Accepts&lt;T&gt;</c> it does not make routing refuse other content types with 415: the handler answers
/// them with the API's own 400 problem details naming the body.
/// </summary>
internal sealed record JsonRequestBody(Type BodyType);
