using Microsoft.Extensions.Options;

namespace Seed.Api.Security;

/// <summary>The rules annotated on <see cref="RateLimitOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
