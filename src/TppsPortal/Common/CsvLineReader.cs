using System.Text;

namespace TppsPortal.Common;

/// <summary>
/// Reads a CSV file record by record (RFC 4180: comma separated, fields in double quotes may hold commas,
/// doubled quotes and line breaks), telling the line number where each record starts so that import errors
/// can name it.
/// </summary>
public sealed class CsvLineReader(TextReader reader, char separator = ',')
{
    private int _line;

    /// <summary>Reads the next record; null at the end of the file.</summary>
    public async Task<(int Line, string[] Fields)?> ReadAsync(CancellationToken ct = default)
    {
        var text = await reader.ReadLineAsync(ct);
        if (text is null)
        {
            return null;
        }
        _line++;
        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i >= text.Length)
            {
                if (!quoted)
                {
                    break;
                }
                // A quoted field that runs onto the next line.
                var next = await reader.ReadLineAsync(ct);
                if (next is null)
                {
                    break;
                }
                _line++;
                field.Append('\n');
                text = next;
                i = 0;
                continue;
            }

            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
            i++;
        }
        fields.Add(field.ToString());
        if (start == 1 && fields[0].Length > 0 && fields[0][0] == '\uFEFF')
        {
            fields[0] = fields[0][1..];
        }
        return (start, fields.ToArray());
    }
}
