using Seed.Encoders;

namespace Seed.Core.Tests.Encoding.Named;

public sealed class MiniLmFixture() : NamedEncoderFixture(KnownEncoders.AllMiniLmL6V2);
