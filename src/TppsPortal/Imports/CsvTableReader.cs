using System.Text;

namespace TppsPortal.Imports;

/// <summary>
/// Reads a CSV file record by record (RFC 4180: fields in double quotes may hold the separator, doubled quotes
/// and line breaks), telling the line number where each record starts so that import errors can name it.
/// It reads the file in small blocks and enforces the <see cref="ImportLimits"/> as it goes: the file's size,
/// the number of rows, a value in a column beyond the template, the length of a cell. Nothing grows with the
/// file except the records handed out, so a hostile file costs at most its own size.
/// </summary>
public sealed class CsvTableReader : ITableReader
{
    private readonly TextReader _reader;
    private readonly ImportLimits _limits;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _position;
    private int _length;
    private bool _eof;
    private int _line;
    private int _rows;
    private char _separator;
    private int _column;

    /// <param name="stream">The file; read up to <see cref="ImportLimits.MaxFileBytes"/> bytes, then refused.</param>
    /// <param name="limits">The importer's limits.</param>
    /// <param name="separators">
    /// The separators allowed: the one found most often in the first line is used, ties going to the first listed
    /// (spreadsheets in an Indonesian locale save with ";", the comma being the decimal sign there).
    /// </param>
    public CsvTableReader(Stream stream, ImportLimits limits, params char[] separators)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        if (separators.Length == 0)
        {
            separators = [','];
        }
        _limits = limits;
        _separator = separators[0];
        _candidates = separators;
        _reader = new StreamReader(new LimitedReadStream(stream, limits.MaxFileBytes, limits.FileTooLarge), Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
    }

    private readonly char[] _candidates;
    private bool _separatorChosen;

    /// <summary>The separator in use (known after the first record).</summary>
    public char Separator => _separator;

    /// <summary>Reads the next record; null at the end of the file.</summary>
    /// <exception cref="ImportRefusedException">A limit is crossed.</exception>
    public async ValueTask<(int Line, string[] Cells)?> ReadAsync(CancellationToken ct = default)
    {
        if (!_separatorChosen)
        {
            await ChooseSeparatorAsync(ct);
        }
        if (_position >= _length && !await FillAsync(ct))
        {
            return null;
        }
        _line++;
        var start = _line;
        _fields.Clear();
        _field.Clear();
        _column = 0;
        var quoted = false;
        var fieldStarted = false; // a quote opens a quoted field only as the field's first character
        var blank = true;
        while (true)
        {
            if (_position >= _length && !await FillAsync(ct))
            {
                break; // end of file ends the record (an unclosed quote too)
            }
            var c = _buffer[_position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (_position >= _length)
                    {
                        await FillAsync(ct);
                    }
                    if (_position < _length && _buffer[_position] == '"')
                    {
                        Append('"', start);
                        _position++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c is '\r' or '\n')
                {
                    // A quoted field that runs onto the next line: the break is kept as one '\n'.
                    if (c == '\r')
                    {
                        if (_position >= _length)
                        {
                            await FillAsync(ct);
                        }
                        if (_position < _length && _buffer[_position] == '\n')
                        {
                            _position++;
                        }
                    }
                    _line++;
                    Append('\n', start);
                }
                else
                {
                    Append(c, start);
                }
            }
            else if (c == '"' && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (c == _separator)
            {
                EndField(start, ref blank);
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r')
                {
                    if (_position >= _length)
                    {
                        await FillAsync(ct);
                    }
                    if (_position < _length && _buffer[_position] == '\n')
                    {
                        _position++;
                    }
                }
                break;
            }
            else
            {
                Append(c, start);
                fieldStarted = true;
            }
        }
        EndField(start, ref blank);
        if (start == 1 && _fields[0].Length > 0 && _fields[0][0] == '\uFEFF')
        {
            _fields[0] = _fields[0][1..];
        }
        if (!blank && ++_rows > _limits.MaxRows)
        {
            throw new ImportRefusedException(_limits.TooManyRows);
        }
        return (start, _fields.ToArray());
    }

    private void Append(char c, int line)
    {
        if (_field.Length >= _limits.MaxCellLength)
        {
            throw new ImportRefusedException(_limits.CellTooLong(line, ImportTable.ColumnLetters(_column)));
        }
        _field.Append(c);
    }

    /// <summary>Ends the current field: kept when within the template's columns; beyond them only an empty one is allowed (and dropped).</summary>
    private void EndField(int line, ref bool blank)
    {
        var value = _field.ToString();
        _field.Clear();
        var empty = string.IsNullOrWhiteSpace(value);
        blank &= empty;
        if (_column < _limits.MaxColumns)
        {
            _fields.Add(value);
        }
        else if (!empty)
        {
            throw new ImportRefusedException(_limits.ColumnBeyondTemplate(line, $"kolom {ImportTable.ColumnLetters(_column)} berisi nilai"));
        }
        _column++;
    }

    /// <summary>Looks at the first line (up to one buffer) to choose the separator; nothing is consumed.</summary>
    private async ValueTask ChooseSeparatorAsync(CancellationToken ct)
    {
        _separatorChosen = true;
        if (_candidates.Length == 1)
        {
            return;
        }
        while (!_eof && _length < _buffer.Length && Array.IndexOf(_buffer, '\n', 0, _length) < 0)
        {
            var read = await _reader.ReadAsync(_buffer.AsMemory(_length), ct);
            if (read == 0)
            {
                _eof = true;
            }
            _length += read;
        }
        var end = Array.IndexOf(_buffer, '\n', 0, _length);
        var firstLine = _buffer.AsSpan(0, end < 0 ? _length : end);
        var best = _candidates[0];
        var bestCount = firstLine.Count(best);
        foreach (var candidate in _candidates.Skip(1))
        {
            var count = firstLine.Count(candidate);
            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }
        _separator = best;
    }

    /// <summary>Reads the next block; false at the end of the file.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_position < _length)
        {
            return true;
        }
        if (_eof)
        {
            return false;
        }
        _position = 0;
        _length = await _reader.ReadAsync(_buffer, ct);
        if (_length == 0)
        {
            _eof = true;
            return false;
        }
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
