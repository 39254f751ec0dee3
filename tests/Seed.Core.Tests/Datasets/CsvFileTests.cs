using Seed.Datasets;

namespace Seed.Core.Tests.Datasets;

public sealed class CsvFileTests
{
    [Theory]
    [InlineData("1,Toy Story (1995),Comedy", new[] { "1", "Toy Story (1995)", "Comedy" })]
    [InlineData("11,\"American President, The (1995)\",Comedy|Drama", new[] { "11", "American President, The (1995)", "Comedy|Drama" })]
    [InlineData("1,\"say \"\"hi\"\"\",", new[] { "1", "say \"hi\"", "" })]
    public void Splits_rfc4180_records(string line, string[] expected) => Assert.Equal(expected, CsvFile.SplitLine(line));
}
