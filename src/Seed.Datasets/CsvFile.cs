using System.Text;

namespace Seed.Datasets;

/// <summary>
/// The one RFC 4180 CSV reader of the code base (MovieLens titles contain commas inside double quotes, and doubled
/// quotes inside quoted fields). Records are one line each: no MovieLens file has line breaks inside a field.
/// </summary>
public static class CsvFile
{
    /// <summary>Rows after the header line; empty lines are skipped.</summary>
    public static IEnumerable<string[]> ReadRows(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return SplitLine(line);
            }
        }
    }

    /// <summary>Splits one CSV record into its unquoted fields.</summary>
    public static string[] SplitLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
