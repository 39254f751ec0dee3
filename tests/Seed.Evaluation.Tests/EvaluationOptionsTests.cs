namespace Seed.Evaluation.Tests;

public sealed class EvaluationOptionsTests
{
    [Fact]
    public void Online_targets_are_parsed()
    {
        var options = EvaluationCommand.Parse(["--data", "d", "--cluster", "orleans:127.0.0.1:30000", "--http", "http://127.0.0.1:5000", "--cluster-id", "c", "--user-prefix", "p-"]);

        Assert.Equal("127.0.0.1:30000", options.OrleansGateway);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), options.HttpEndpoint);
        Assert.Equal("c", options.ClusterId);
        Assert.Equal("seed", options.ServiceId);
        Assert.Equal("p-", options.UserPrefix);
    }

    [Fact]
    public void Offline_only_by_default()
    {
        var options = EvaluationCommand.Parse(["--data", "d"]);

        Assert.Null(options.OrleansGateway);
        Assert.Null(options.HttpEndpoint);
    }

    [Theory]
    [InlineData("--cluster", "127.0.0.1:30000", "--cluster")]
    [InlineData("--cluster", "orleans:", "--cluster")]
    [InlineData("--http", "localhost:5000", "--http")]
    [InlineData("--http", "ftp://host/", "--http")]
    public void Malformed_targets_are_refused_naming_the_option(string option, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationCommand.Parse(["--data", "d", option, value]));

        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
    }
}
