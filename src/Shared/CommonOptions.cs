using System.CommandLine;
using System.Net;
using Seed.Core;
using Seed.Encoders;

namespace Seed.Tools;

/// <summary>
/// The options that mean the same in more than one tool, built once so that they have one name, one syntax and one
/// check: <c>--data</c>, <c>--encoder</c>, <c>--cluster</c>, <c>--http</c>, <c>--cluster-id</c>, <c>--service-id</c>.
/// Relative paths are resolved with <see cref="RepositoryPaths.Resolve(string)"/> by the tool, as the silo does.
/// </summary>
internal static class CommonOptions
{
    private const string OrleansPrefix = "orleans:";

    /// <summary>A data set folder; the shipped MovieLens copy by default, so a bare clone runs.</summary>
    public static Option<string> Data(string description) => new("--data")
    {
        Description = description + " Relative to the repository root.",
        HelpName = "folder",
        DefaultValueFactory = _ => ShippedPaths.MovieLens,
    };

    /// <summary>A sentence encoder: a known name, kept as written, or a model folder, resolved.</summary>
    public static Option<string> Encoder()
    {
        static (string, string?) Parse(string text)
        {
            if (!KnownEncoders.IsKnownNameOrPath(text))
            {
                return (text, KnownEncoders.UnknownNameMessage("--encoder", text));
            }

            return (KnownEncoders.IsNamed(text) ? text : RepositoryPaths.Resolve(text), null);
        }

        return TypedOptions.WithDefault(
            TypedOptions.Parsed("--encoder", $"Sentence encoder for item texts: {KnownEncoders.NameList}, or a model folder.", Parse, "name|folder"),
            KnownEncoders.PotionBase4M);
    }

    /// <summary>
    /// Orleans gateways written <c>orleans:&lt;ip&gt;:&lt;port&gt;[,&lt;ip&gt;:&lt;port&gt;...]</c>; the value is the list without the prefix.
    /// Several gateways spread a tool's calls over a cluster's silos instead of entering through one.
    /// </summary>
    public static Option<string?> Cluster(string description) =>
        TypedOptions.Parsed<string?>("--cluster", description, text => TryGateway(text, out var gateway)
            ? (gateway, null)
            : (null, TypedOptions.Refusal("--cluster", "orleans:<ip>:<gateway port>[,<ip>:<port>...] (e.g. orleans:127.0.0.1:30000)", text)), "orleans:ip:port[,ip:port...]");

    /// <summary>The root URL of a silo's REST API: absolute, http or https.</summary>
    public static Option<Uri?> Http(string description) =>
        TypedOptions.Parsed<Uri?>("--http", description, text => TryHttp(text, out var url)
            ? (url, null)
            : (null, TypedOptions.Refusal("--http", "an absolute http(s) URL such as http://127.0.0.1:5000", text)), "url");

    /// <summary>The Orleans cluster id of <c>--cluster</c>; SEED_CLUSTER_ID when set, else the embedded default's.</summary>
    public static Option<string> ClusterId() => new("--cluster-id")
    {
        Description = "Orleans cluster id of the --cluster gateway (SEED_CLUSTER_ID when set).",
        HelpName = "id",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SEED_CLUSTER_ID") ?? "seed-dev",
    };

    /// <summary>The Orleans service id of <c>--cluster</c>; SEED_SERVICE_ID when set.</summary>
    public static Option<string> ServiceId() => new("--service-id")
    {
        Description = "Orleans service id of the --cluster gateway (SEED_SERVICE_ID when set).",
        HelpName = "id",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SEED_SERVICE_ID") ?? "seed",
    };

    /// <summary>
    /// <c>orleans:ip:port[,ip:port...]</c> (any case of the prefix) to <c>ip:port[,ip:port...]</c>; IP addresses, as the
    /// client's static clustering needs.
    /// </summary>
    public static bool TryGateway(string text, out string? gateway)
    {
        ArgumentNullException.ThrowIfNull(text);
        gateway = text.StartsWith(OrleansPrefix, StringComparison.OrdinalIgnoreCase) ? text[OrleansPrefix.Length..] : null;
        return gateway is not null && gateway.Split(',').All(part => IPEndPoint.TryParse(part, out _));
    }

    /// <summary>An absolute http or https URL.</summary>
    public static bool TryHttp(string text, out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
