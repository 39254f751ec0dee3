using System.Buffers.Binary;
using System.Text.Json;

namespace Seed.Core.Tests.Encoding;

/// <summary>
/// Independent reference for the potion model, computed without ONNX Runtime: the int8 table read straight from
/// model.safetensors (8-byte little-endian header length, JSON header, raw tensor bytes).
/// </summary>
internal sealed class SafetensorsEmbeddingTable
{
    // Ids 0-4 are [PAD] [UNK] [CLS] [SEP] [MASK]; Model2Vec drops them, and their rows are zero in the ONNX graph.
    private const int FirstRegularTokenId = 5;

    private readonly sbyte[] _table;

    private SafetensorsEmbeddingTable(sbyte[] table, int rows, int dimension)
    {
        _table = table;
        Rows = rows;
        Dimension = dimension;
    }

    public int Rows { get; }

    public int Dimension { get; }

    public static SafetensorsEmbeddingTable Load(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        long headerLength = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(file));
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, checked((int)headerLength)));
        JsonElement entry = header.RootElement.GetProperty("embeddings");
        Assert.Equal("I8", entry.GetProperty("dtype").GetString());
        int[] shape = entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        long[] offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(2, shape.Length);
        Assert.Equal((long)shape[0] * shape[1], offsets[1] - offsets[0]);

        int dataStart = checked((int)(8 + headerLength + offsets[0]));
        var table = new sbyte[offsets[1] - offsets[0]];
        Buffer.BlockCopy(file, dataStart, table, 0, table.Length);
        return new SafetensorsEmbeddingTable(table, shape[0], shape[1]);
    }

    /// <summary>Model2Vec pooling: mean of the rows of regular tokens, L2-normalised (all zeros when there are none).</summary>
    public float[] Embed(IEnumerable<int> tokenIds)
    {
        var sum = new double[Dimension];
        int count = 0;
        foreach (int id in tokenIds.Where(id => id >= FirstRegularTokenId))
        {
            for (int d = 0; d < Dimension; d++)
            {
                sum[d] += _table[(id * Dimension) + d];
            }

            count++;
        }

        double norm = Math.Sqrt(sum.Sum(v => v * v)) / Math.Max(count, 1);
        var vector = new float[Dimension];
        if (norm > 0)
        {
            for (int d = 0; d < Dimension; d++)
            {
                vector[d] = (float)(sum[d] / Math.Max(count, 1) / norm);
            }
        }

        return vector;
    }
}
