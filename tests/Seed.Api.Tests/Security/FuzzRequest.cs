using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Seed.Api.Tests.Security;

/// <summary>
/// One generated HTTP request. The generators build requests the API would accept (known users and items, valid
/// events and items) and then break them: random ids and query values, unknown types, wrong JSON types, text cut,
/// spliced or nested past the depth limit, other content types, missing or wrong keys, unknown paths and methods.
/// </summary>
public sealed record FuzzRequest(HttpMethod Method, string Path, string? Body, string? ContentType, string? Key)
{
    public static readonly string[] Users = ["fuzz-u0", "fuzz-u1", "fuzz-u2", "fuzz-u3"];

    public static readonly string[] Items = ["fuzz-i0", "fuzz-i1", "fuzz-i2", "fuzz-i3", "fuzz-i4"];

    private static readonly string[] EventTypes = ["view", "click", "add_to_cart", "purchase", "rating", "search", "review", "dislike", "tag", "teleport", "", "VIEW", "3"];

    private static readonly Gen<string> Noise = Gen.String[0, 24];

    private static readonly Gen<string> OddId = Gen.OneOf("", " ", "..", "%2F", "a%2Fb", "%00", "\u00e9t\u00e9", "\U0001F4A5", new string('x', 129), "null", "-1");

    private static readonly Gen<string> UserId = Gen.Frequency((8, Gen.OneOf(Users)), (1, Noise), (1, OddId));

    private static readonly Gen<string> ItemId = Gen.Frequency((8, Gen.OneOf(Items)), (1, Noise), (1, Gen.OneOf("no-such-item", "", new string('i', 200))));

    /// <summary>A JSON value of any type, for replacing a field's proper value.</summary>
    private static readonly Gen<JsonNode?> AnyValue = Gen.OneOf<Func<JsonNode?>>(
            () => null, () => JsonValue.Create(true), () => JsonValue.Create(-1), () => JsonValue.Create(1e308), () => JsonValue.Create(7.5),
            () => JsonValue.Create(""), () => JsonValue.Create(new string('t', 5000)), () => new JsonArray(), () => new JsonObject(),
            () => JsonValue.Create("2999-01-01T00:00:00Z"), () => JsonValue.Create("not a date"))
        .Select(make => make());

    private static readonly Gen<string> QueryValue = Gen.Frequency(
        (4, Gen.Int[-5, 300].Select(value => value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("0.5", "1", "0", "-0.1", "1.5", "NaN", "Infinity", "true", "false", "", "Comedy", "Drama", "1e9", "99999999999")),
        (1, Noise.Select(Uri.EscapeDataString)));

    private static readonly Gen<string> Query = Gen.Frequency(
            (3, Gen.Const("")),
            (4, Gen.Select(Gen.OneOf("k", "top", "diversity", "category", "excludeCategory", "excludeSeen", "junk"), QueryValue, (name, value) => $"{name}={value}")
                .Array[1, 4].Select(pairs => "?" + string.Join('&', pairs))))
        .Select(query => query);

    private static readonly Gen<JsonObject> Event =
        from eventId in Gen.Frequency((6, Gen.Int[0, 1_000_000].Select(n => "e" + n)), (1, Noise), (1, OddId))
        from userId in UserId
        from type in Gen.OneOf(EventTypes)
        from itemId in ItemId
        from text in Gen.Frequency((4, Gen.OneOf("space opera", "pixar movie", "a quiet drama")), (1, Noise))
        from rating in Gen.Frequency((3, Gen.Int[1, 10].Select(half => half / 2.0)), (1, Gen.OneOf(0.0, -1.0, 9.0, double.MaxValue)))
        from fields in Gen.Int[0, 63]
        select Build(eventId, userId, type, itemId, text, rating, fields);

    private static readonly Gen<JsonObject> Item =
        from id in ItemId
        from title in Gen.Frequency((4, Gen.OneOf("Fuzzy film", "Another one")), (1, Noise))
        from categories in Gen.OneOf("Comedy", "Drama", "", new string('c', 100)).Array[0, 3]
        from popularity in Gen.Frequency((3, Gen.Int[0, 100]), (1, Gen.OneOf(-1, int.MaxValue)))
        select new JsonObject
        {
            ["id"] = id,
            ["title"] = title,
            ["categories"] = new JsonArray([.. categories.Select(category => (JsonNode?)JsonValue.Create(category))]),
            ["popularity"] = popularity,
        };

    /// <summary>A batch body: well formed (events or items), a field replaced by a value of another type, then possibly cut or spliced.</summary>
    private static Gen<string> Batch(string property, Gen<JsonObject> entry) =>
        from entries in entry.Array[0, 4]
        from replaceField in Gen.Frequency((3, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("eventId", "userId", "type", "itemId", "text", "rating", "timestamp", "context", "id", "title", "categories", "popularity")))
        from replacement in AnyValue
        from mutation in Mutation
        select mutation(Serialize(property, entries, replaceField, replacement));

    private static readonly Func<string, string> Unchanged = body => body;

    private static readonly Gen<Func<string, string>> Mutation = Gen.Frequency<Func<string, string>>(
        (6, Gen.Const(Unchanged)),
        (1, Gen.Int[0, 1000].Select<int, Func<string, string>>(at => body => body[..Math.Min(at, body.Length)])),
        (1, Gen.Select(Gen.Int[0, 1000], Gen.Int[1, 20]).Select<(int, int), Func<string, string>>(cut => body =>
            body.Remove(Math.Min(cut.Item1, body.Length), Math.Min(cut.Item2, body.Length - Math.Min(cut.Item1, body.Length))))),
        (1, Gen.Select(Gen.Int[0, 1000], Gen.Char["{}[]\",:\\0123456789abcdefnulltrue \u0000\uD800"].Array[1, 6].Select(chars => new string(chars)))
            .Select<(int, string), Func<string, string>>(insert => body => body.Insert(Math.Min(insert.Item1, body.Length), insert.Item2))),
        (1, Gen.Int[20, 200].Select<int, Func<string, string>>(depth => body =>
            string.Concat(Enumerable.Repeat("{\"events\":[", depth)) + body + string.Concat(Enumerable.Repeat("]}", depth)))),
        (1, Noise.Select<string, Func<string, string>>(noise => _ => noise)));

    private static readonly Gen<string?> Keys = Gen.Frequency(
        (12, Gen.Const((string?)FuzzTests.FuzzFactory.AllScopesKey)),
        (1, Gen.Const((string?)null)),
        (1, Gen.Const((string?)"not-a-configured-key")),
        (1, Gen.Const((string?)SecuredApiFactory.ReaderKey)),
        (1, Gen.Const((string?)SecuredApiFactory.WriterKey)));

    private static readonly Gen<string?> ContentTypes = Gen.Frequency(
        (10, Gen.Const((string?)"application/json")), (1, Gen.Const((string?)"text/plain")), (1, Gen.Const((string?)null)));

    private static string Segment(string id) => Uri.EscapeDataString(id);

    /// <summary>Every endpoint, the page and health included, plus paths and methods that do not exist.</summary>
    public static Gen<FuzzRequest> Any { get; } =
        from kind in Gen.Int[0, 13]
        from user in UserId
        from item in ItemId
        from query in Query
        from events in Batch("events", Event)
        from items in Batch("items", Item)
        from key in Keys
        from contentType in ContentTypes
        select kind switch
        {
            0 or 1 or 2 => new FuzzRequest(HttpMethod.Post, "/v1/events", events, contentType, key),
            3 => new FuzzRequest(HttpMethod.Post, "/v1/items", items, contentType, key),
            4 => new FuzzRequest(HttpMethod.Get, $"/v1/users/{Segment(user)}/recommendations{query}", null, null, key),
            5 => new FuzzRequest(HttpMethod.Get, $"/v1/users/{Segment(user)}/recommendations/{Segment(item)}{query}", null, null, key),
            6 => new FuzzRequest(HttpMethod.Get, $"/v1/users/{Segment(user)}/interests{query}", null, null, key),
            7 => new FuzzRequest(HttpMethod.Get, $"/v1/users/{Segment(user)}", null, null, key),
            8 => new FuzzRequest(HttpMethod.Get, $"/v1/users/{Segment(user)}/export", null, null, key),
            9 => new FuzzRequest(HttpMethod.Delete, $"/v1/users/{Segment(user)}", null, null, key),
            10 => new FuzzRequest(HttpMethod.Get, query.Length % 2 == 0 ? "/healthz" : "/", null, null, key),
            11 => new FuzzRequest(HttpMethod.Put, "/v1/events", events, contentType, key),
            12 => new FuzzRequest(HttpMethod.Post, $"/v1/users/{Segment(user)}", events, contentType, key),
            _ => new FuzzRequest(HttpMethod.Get, $"/v1/{Segment(user)}/{Segment(item)}", null, null, key),
        };

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, Encoding.UTF8);
            message.Content.Headers.ContentType = ContentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType);
        }

        if (Key is not null)
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        }

        return message;
    }

    public override string ToString() => $"{Method} {Path} key={Key ?? "none"} type={ContentType ?? "none"} body={Body?[..Math.Min(Body.Length, 400)]}";

    private static JsonObject Build(string eventId, string userId, string type, string itemId, string text, double rating, int fields)
    {
        // Each bit of fields adds one optional field, so that events lack or carry each independently.
        var json = new JsonObject { ["eventId"] = eventId, ["userId"] = userId, ["type"] = type };
        if ((fields & 1) != 0 || type is "view" or "click" or "add_to_cart" or "purchase" or "rating" or "dislike")
        {
            json["itemId"] = itemId;
        }

        if ((fields & 2) != 0 || type is "search" or "review" or "tag")
        {
            json["text"] = text;
        }

        if ((fields & 4) != 0 || type == "rating")
        {
            json["rating"] = rating;
        }

        if ((fields & 8) != 0)
        {
            json["timestamp"] = DateTimeOffset.UtcNow.AddMinutes(-(fields % 7)).ToString("O");
        }

        if ((fields & 16) != 0)
        {
            json["context"] = new JsonObject { ["page"] = "home", ["device"] = "phone" };
        }

        return json;
    }

    private static string Serialize(string property, JsonObject[] entries, string? replaceField, JsonNode? replacement)
    {
        if (replaceField is not null && entries.Length > 0)
        {
            entries[0][replaceField] = replacement?.DeepClone();
        }

        return new JsonObject { [property] = new JsonArray([.. entries]) }.ToJsonString();
    }
}
