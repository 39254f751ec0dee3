using Seed.Encoders;

namespace Seed.Core.Tests.Encoding.Named;

public sealed class ArcticXsFixture() : NamedEncoderFixture(KnownEncoders.ArcticEmbedXs);
