using System.Buffers.Binary;

namespace TppsPortal.Pdf;

/// <summary>
/// Shrinks a TrueType font to the glyphs a document uses, because SkiaSharp's PDF backend embeds whole font
/// files (it is built without HarfBuzz subsetting): Liberation Sans would add about 220 KB per face to every
/// PDF, and compressing it costs about 20 ms per face per document.
/// <para>
/// Glyph ids are kept (unused glyphs become empty outlines, as a space is), so metrics, the character map
/// and glyph positions are unchanged; layout tables the PDF does not need (GSUB, GPOS, kern...) are dropped
/// and the glyph names in <c>post</c> are removed.
/// </para>
/// </summary>
internal static class TrueTypeSubsetter
{
    // The tables a PDF's embedded TrueType program needs (ISO 32000 9.9), plus those FreeType and Skia read.
    private static readonly HashSet<string> KeptTables =
        ["cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post", "prep"];

    private const ushort ArgsAreWords = 0x0001;
    private const ushort HasScale = 0x0008;
    private const ushort MoreComponents = 0x0020;
    private const ushort HasXYScale = 0x0040;
    private const ushort HasTwoByTwo = 0x0080;

    /// <summary>A copy of <paramref name="font"/> with only <paramref name="glyphs"/> (plus .notdef and composite parts) outlined.</summary>
    /// <exception cref="NotSupportedException">Not a glyf-based TrueType font (e.g. CFF OpenType).</exception>
    public static byte[] Subset(ReadOnlySpan<byte> font, IEnumerable<ushort> glyphs)
    {
        var tables = ReadTables(font);
        if (!tables.TryGetValue("glyf", out var glyfRange) || !tables.TryGetValue("loca", out var locaRange)
            || !tables.TryGetValue("head", out var headRange) || !tables.TryGetValue("maxp", out var maxpRange))
        {
            throw new NotSupportedException("Only TrueType fonts with glyf outlines can be subset.");
        }

        var head = font.Slice(headRange.Offset, headRange.Length);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head[50..]) != 0;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font[(maxpRange.Offset + 4)..]);
        var loca = font.Slice(locaRange.Offset, locaRange.Length);
        var glyf = font.Slice(glyfRange.Offset, glyfRange.Length);

        var offsets = new int[glyphCount + 1];
        for (var i = 0; i <= glyphCount; i++)
        {
            offsets[i] = longLoca
                ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca[(i * 4)..])
                : BinaryPrimitives.ReadUInt16BigEndian(loca[(i * 2)..]) * 2;
        }

        // The glyphs to keep: those asked for, .notdef, and every component of a kept composite glyph.
        var keep = new bool[glyphCount];
        var pending = new Stack<int>();
        pending.Push(0);
        foreach (var g in glyphs)
        {
            if (g < glyphCount)
            {
                pending.Push(g);
            }
        }

        while (pending.Count > 0)
        {
            var g = pending.Pop();
            if (keep[g])
            {
                continue;
            }

            keep[g] = true;
            var data = glyf[offsets[g]..offsets[g + 1]];
            if (data.Length >= 10 && BinaryPrimitives.ReadInt16BigEndian(data) < 0)
            {
                foreach (var component in Components(data[10..]))
                {
                    if (component < glyphCount)
                    {
                        pending.Push(component);
                    }
                }
            }
        }

        // New glyf and loca: kept outlines in order, 4-byte aligned; dropped glyphs have zero length.
        using var newGlyf = new MemoryStream();
        var newOffsets = new int[glyphCount + 1];
        for (var g = 0; g < glyphCount; g++)
        {
            newOffsets[g] = (int)newGlyf.Length;
            if (keep[g])
            {
                newGlyf.Write(glyf[offsets[g]..offsets[g + 1]]);
                while (newGlyf.Length % 4 != 0)
                {
                    newGlyf.WriteByte(0);
                }
            }
        }

        newOffsets[glyphCount] = (int)newGlyf.Length;
        var newLoca = new byte[(glyphCount + 1) * (longLoca ? 4 : 2)];
        for (var i = 0; i <= glyphCount; i++)
        {
            if (longLoca)
            {
                BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(i * 4), (uint)newOffsets[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(newLoca.AsSpan(i * 2), (ushort)(newOffsets[i] / 2));
            }
        }

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, range) in tables)
        {
            if (KeptTables.Contains(tag))
            {
                output[tag] = font.Slice(range.Offset, range.Length).ToArray();
            }
        }

        output["glyf"] = newGlyf.ToArray();
        output["loca"] = newLoca;
        if (output.TryGetValue("post", out var post) && post.Length >= 32)
        {
            // Version 3: no glyph names (they are most of the table and a PDF does not use them).
            post = post[..32];
            BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);
            output["post"] = post;
        }

        return Write(output);
    }

    /// <summary>The glyph ids a composite glyph refers to (its description starts after the 10-byte header).</summary>
    private static List<int> Components(ReadOnlySpan<byte> data)
    {
        var result = new List<int>();
        var at = 0;
        while (at + 4 <= data.Length)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            result.Add(BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]));
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            if ((flags & HasScale) != 0)
            {
                at += 2;
            }
            else if ((flags & HasXYScale) != 0)
            {
                at += 4;
            }
            else if ((flags & HasTwoByTwo) != 0)
            {
                at += 8;
            }

            if ((flags & MoreComponents) == 0)
            {
                break;
            }
        }

        return result;
    }

    private static Dictionary<string, (int Offset, int Length)> ReadTables(ReadOnlySpan<byte> font)
    {
        if (font.Length < 12)
        {
            throw new NotSupportedException("Not a TrueType font.");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(font);
        if (version is not (0x00010000 or 0x74727565))
        {
            throw new NotSupportedException("Only TrueType fonts with glyf outlines can be subset.");
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.Slice(12 + (i * 16), 16);
            var tag = string.Create(4, record[..4].ToArray(), static (chars, bytes) =>
            {
                for (var k = 0; k < 4; k++)
                {
                    chars[k] = (char)bytes[k];
                }
            });
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            if (offset < 0 || length < 0 || offset + length > font.Length)
            {
                throw new NotSupportedException($"The font's {tag} table lies outside the file.");
            }

            tables[tag] = (offset, length);
        }

        return tables;
    }

    /// <summary>Writes an sfnt file: directory, 4-byte aligned tables, checksums and head.checkSumAdjustment.</summary>
    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var size = 12 + (16 * count) + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var file = new byte[size];
        var span = file.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((count * 16) - searchRange));

        var offset = 12 + (16 * count);
        var record = 12;
        var headOffset = -1;
        foreach (var (tag, data) in tables)
        {
            if (tag == "head" && data.Length >= 12)
            {
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), 0);
                headOffset = offset;
            }

            for (var k = 0; k < 4; k++)
            {
                span[record + k] = (byte)tag[k];
            }

            data.CopyTo(span[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 4)..], Checksum(span.Slice(offset, (data.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 12)..], (uint)data.Length);
            offset += (data.Length + 3) & ~3;
            record += 16;
        }

        if (headOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(span)));
        }

        return file;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        return sum;
    }
}
