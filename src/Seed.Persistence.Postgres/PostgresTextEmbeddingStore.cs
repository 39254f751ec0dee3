using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;
using Seed.Storage.Embeddings;

namespace Seed.Persistence.Postgres;

/// <summary>
/// <see cref="ITextEmbeddingStore"/> in table <c>seed_text_embeddings</c>, beside the items: every silo of a cluster
/// (and every restart) reads the vectors the first encoding wrote. Vectors are raw little-endian float32 bytes: a
/// quarter of the size of <c>real[]</c>'s text form on the wire, and copied straight into the result arrays.
/// </summary>
public sealed class PostgresTextEmbeddingStore(NpgsqlDataSource dataSource) : ITextEmbeddingStore
{
    public async Task<float[]?[]> GetAsync(string encoderFingerprint, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoderFingerprint);
        ArgumentNullException.ThrowIfNull(texts);
        var results = new float[]?[texts.Count];
        if (texts.Count == 0)
        {
            return results;
        }

        // The same text may appear more than once in a batch: every position holding it gets the vector.
        var positions = new Dictionary<UInt128, List<int>>();
        for (int i = 0; i < texts.Count; i++)
        {
            UInt128 key = TextEmbeddingKey.Of(texts[i]);
            if (!positions.TryGetValue(key, out List<int>? list))
            {
                positions[key] = list = [];
            }

            list.Add(i);
        }

        await using NpgsqlCommand command = dataSource.CreateCommand(
            "SELECT text_key, vector FROM seed_text_embeddings WHERE encoder = @encoder AND text_key = ANY(@keys)");
        command.Parameters.AddWithValue("encoder", encoderFingerprint);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = positions.Keys.Select(TextEmbeddingKey.ToBytes).ToArray(),
        });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            List<int> at = positions[TextEmbeddingKey.FromBytes(reader.GetFieldValue<byte[]>(0))];
            float[] vector = MemoryMarshal.Cast<byte, float>(reader.GetFieldValue<byte[]>(1)).ToArray();
            results[at[0]] = vector;
            for (int i = 1; i < at.Count; i++)
            {
                results[at[i]] = (float[])vector.Clone();
            }
        }

        return results;
    }

    public async Task PutAsync(string encoderFingerprint, IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoderFingerprint);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(vectors);
        if (texts.Count != vectors.Count)
        {
            throw new ArgumentException($"{texts.Count} texts but {vectors.Count} vectors.", nameof(vectors));
        }

        if (texts.Count == 0)
        {
            return;
        }

        // One statement for the batch; a concurrent writer of the same text (another silo) is not an error.
        await using NpgsqlCommand command = dataSource.CreateCommand(
            """
            INSERT INTO seed_text_embeddings (encoder, text_key, vector)
            SELECT @encoder, k, v FROM unnest(@keys, @vectors) AS t(k, v)
            ON CONFLICT (encoder, text_key) DO NOTHING
            """);
        command.Parameters.AddWithValue("encoder", encoderFingerprint);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = texts.Select(text => TextEmbeddingKey.ToBytes(TextEmbeddingKey.Of(text))).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter("vectors", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = vectors.Select(vector => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray()).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
