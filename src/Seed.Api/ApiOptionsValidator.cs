using Microsoft.Extensions.Options;

namespace Seed.Api;

/// <summary>The rules annotated on <see cref="ApiOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>;
