using Microsoft.Extensions.Options;

namespace Seed.Grains.Users;

/// <summary>The rules annotated on <see cref="UserOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class UserOptionsValidator : IValidateOptions<UserOptions>;
