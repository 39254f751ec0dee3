using Microsoft.Extensions.Options;

namespace Seed.Api.Security;

/// <summary>The rules of <see cref="AuthOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
