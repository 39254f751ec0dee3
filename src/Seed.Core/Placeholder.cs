namespace Seed.Core; internal static class Placeholder {}
