using System.Buffers.Binary;

namespace TppsPortal.Pdf;

/// <summary>
/// Shrinks a TrueType font to the glyphs a document uses, because SkiaSharp's PDF backend embeds whole font
/// files (it is built without HarfBuzz subsetting): Liberation Sans would add about 220 KB per face to every
/// PDF, and compressing it costs about 20 ms per face per document.
/// <para>
/// The kept glyphs are numbered anew from 1 (0 stays .notdef), and the character map, horizontal metrics and
/// composite glyphs are rewritten to match, so a face of a hundred glyphs is a few kilobytes: half of a subset
/// that kept all 2,600 glyph ids was its loca and hmtx tables, which Skia compresses again for every PDF.
/// Advances are copied, so text measured with the whole font is drawn at the same positions. Layout tables the
/// PDF does not need (GSUB, GPOS, kern...) are dropped and the glyph names in <c>post</c> are removed.
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

    /// <summary>
    /// A font with only the glyphs of <paramref name="characters"/> (code point to glyph id in
    /// <paramref name="font"/>), .notdef and the parts of composite glyphs, renumbered, and a character map of
    /// exactly those characters.
    /// </summary>
    /// <exception cref="NotSupportedException">Not a glyf-based TrueType font (e.g. CFF OpenType).</exception>
    public static byte[] Subset(ReadOnlySpan<byte> font, IReadOnlyDictionary<int, ushort> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        var tables = ReadTables(font);
        if (!tables.TryGetValue("glyf", out var glyfRange) || !tables.TryGetValue("loca", out var locaRange)
            || !tables.TryGetValue("head", out var headRange) || !tables.TryGetValue("maxp", out var maxpRange)
            || !tables.TryGetValue("hhea", out var hheaRange) || !tables.TryGetValue("hmtx", out var hmtxRange))
        {
            throw new NotSupportedException("Only TrueType fonts with glyf outlines can be subset.");
        }

        var head = font.Slice(headRange.Offset, headRange.Length);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head[50..]) != 0;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font[(maxpRange.Offset + 4)..]);
        var loca = font.Slice(locaRange.Offset, locaRange.Length);
        var glyf = font.Slice(glyfRange.Offset, glyfRange.Length);
        var hmtx = font.Slice(hmtxRange.Offset, hmtxRange.Length);
        var longMetrics = BinaryPrimitives.ReadUInt16BigEndian(font[(hheaRange.Offset + 34)..]);
        if (longMetrics == 0 || hmtx.Length < (longMetrics * 4) + ((glyphCount - longMetrics) * 2)
            || loca.Length < (glyphCount + 1) * (longLoca ? 4 : 2))
        {
            throw new NotSupportedException("The font's metrics or glyph locations are incomplete.");
        }

        var offsets = new int[glyphCount + 1];
        for (var i = 0; i <= glyphCount; i++)
        {
            offsets[i] = longLoca
                ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca[(i * 4)..])
                : BinaryPrimitives.ReadUInt16BigEndian(loca[(i * 2)..]) * 2;
            if (offsets[i] > glyf.Length || (i > 0 && offsets[i] < offsets[i - 1]))
            {
                throw new NotSupportedException("The font's glyph locations are out of order.");
            }
        }

        // The glyphs to keep: .notdef, those of the characters, and every component of a kept composite glyph.
        var keep = new bool[glyphCount];
        var pending = new Stack<int>();
        pending.Push(0);
        foreach (var g in characters.Values)
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
                foreach (var (component, _) in Components(data[10..]))
                {
                    if (component < glyphCount)
                    {
                        pending.Push(component);
                    }
                }
            }
        }

        // New numbers in the old order, so .notdef stays 0.
        var newId = new int[glyphCount];
        var kept = new List<int>();
        for (var g = 0; g < glyphCount; g++)
        {
            newId[g] = keep[g] ? kept.Count : -1;
            if (keep[g])
            {
                kept.Add(g);
            }
        }

        // glyf and loca: kept outlines, 4-byte aligned, composite parts pointing at their new numbers.
        using var newGlyf = new MemoryStream();
        var newLoca = new byte[(kept.Count + 1) * (longLoca ? 4 : 2)];
        var newHmtx = new byte[kept.Count * 4];
        for (var n = 0; n <= kept.Count; n++)
        {
            var at = (int)newGlyf.Length;
            if (longLoca)
            {
                BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(n * 4), (uint)at);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(newLoca.AsSpan(n * 2), (ushort)(at / 2));
            }

            if (n == kept.Count)
            {
                break;
            }

            var g = kept[n];
            var data = glyf[offsets[g]..offsets[g + 1]].ToArray();
            if (data.Length >= 10 && BinaryPrimitives.ReadInt16BigEndian(data) < 0)
            {
                foreach (var (component, position) in Components(data.AsSpan(10)))
                {
                    BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(10 + position), (ushort)Math.Max(0, component < glyphCount ? newId[component] : 0));
                }
            }

            newGlyf.Write(data);
            while (newGlyf.Length % 4 != 0)
            {
                newGlyf.WriteByte(0);
            }

            // Every glyph gets a full metric (advance and left side bearing).
            var advance = BinaryPrimitives.ReadUInt16BigEndian(hmtx[(Math.Min(g, longMetrics - 1) * 4)..]);
            var bearing = g < longMetrics
                ? BinaryPrimitives.ReadInt16BigEndian(hmtx[((g * 4) + 2)..])
                : BinaryPrimitives.ReadInt16BigEndian(hmtx[((longMetrics * 4) + ((g - longMetrics) * 2))..]);
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan(n * 4), advance);
            BinaryPrimitives.WriteInt16BigEndian(newHmtx.AsSpan((n * 4) + 2), bearing);
        }

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, range) in tables)
        {
            // glyf, loca and hmtx are written anew: copying the originals (glyf is ~300 KB) only made garbage.
            if (KeptTables.Contains(tag) && tag is not ("glyf" or "loca" or "hmtx"))
            {
                output[tag] = font.Slice(range.Offset, range.Length).ToArray();
            }
        }

        output["glyf"] = newGlyf.ToArray();
        output["loca"] = newLoca;
        output["hmtx"] = newHmtx;
        BinaryPrimitives.WriteUInt16BigEndian(output["hhea"].AsSpan(34), (ushort)kept.Count);
        BinaryPrimitives.WriteUInt16BigEndian(output["maxp"].AsSpan(4), (ushort)kept.Count);
        output["cmap"] = CharacterMap(characters
            .Where(c => c.Value < glyphCount && c.Value != 0)
            .ToDictionary(c => c.Key, c => (ushort)newId[c.Value]));
        if (output.TryGetValue("post", out var post) && post.Length >= 32)
        {
            // Version 3: no glyph names (they are most of the table and a PDF does not use them).
            post = post[..32];
            BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);
            output["post"] = post;
        }

        return Write(output);
    }

    /// <summary>
    /// A cmap with a Windows Unicode BMP subtable (format 4) and, when a character lies beyond the BMP, a full
    /// Unicode subtable (format 12) as well.
    /// </summary>
    private static byte[] CharacterMap(Dictionary<int, ushort> map)
    {
        var codes = map.Keys.Order().ToList();
        var bmp = codes.Where(c => c < 0xFFFF).ToList();

        // Format 4: runs of consecutive characters with consecutive glyphs share a segment (one delta).
        var segments = new List<(int Start, int End, int Delta)>();
        foreach (var c in bmp)
        {
            var delta = (map[c] - c) & 0xFFFF;
            if (segments.Count > 0 && segments[^1].End == c - 1 && segments[^1].Delta == delta)
            {
                segments[^1] = (segments[^1].Start, c, delta);
            }
            else
            {
                segments.Add((c, c, delta));
            }
        }

        segments.Add((0xFFFF, 0xFFFF, 1));
        var segCount = segments.Count;
        var format4 = new byte[16 + (segCount * 8)];
        var f4 = format4.AsSpan();
        var entrySelector = (int)Math.Floor(Math.Log2(segCount));
        var searchRange = 2 * (1 << entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(f4, 4);
        BinaryPrimitives.WriteUInt16BigEndian(f4[2..], (ushort)format4.Length);
        BinaryPrimitives.WriteUInt16BigEndian(f4[6..], (ushort)(segCount * 2));
        BinaryPrimitives.WriteUInt16BigEndian(f4[8..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(f4[10..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(f4[12..], (ushort)((segCount * 2) - searchRange));
        for (var i = 0; i < segCount; i++)
        {
            var (start, end, delta) = segments[i];
            BinaryPrimitives.WriteUInt16BigEndian(f4[(14 + (i * 2))..], (ushort)end);
            BinaryPrimitives.WriteUInt16BigEndian(f4[(16 + (segCount * 2) + (i * 2))..], (ushort)start);
            BinaryPrimitives.WriteUInt16BigEndian(f4[(16 + (segCount * 4) + (i * 2))..], (ushort)delta);
            // idRangeOffset stays 0: glyph = (character + delta) mod 65536.
        }

        var subtables = new List<(ushort Platform, ushort Encoding, byte[] Data)> { (3, 1, format4) };
        if (codes.Count > bmp.Count)
        {
            var groups = new List<(int Start, int End, int Glyph)>();
            foreach (var c in codes)
            {
                if (groups.Count > 0 && groups[^1].End == c - 1 && groups[^1].Glyph + (c - groups[^1].Start) == map[c])
                {
                    groups[^1] = (groups[^1].Start, c, groups[^1].Glyph);
                }
                else
                {
                    groups.Add((c, c, map[c]));
                }
            }

            var format12 = new byte[16 + (groups.Count * 12)];
            var f12 = format12.AsSpan();
            BinaryPrimitives.WriteUInt16BigEndian(f12, 12);
            BinaryPrimitives.WriteUInt32BigEndian(f12[4..], (uint)format12.Length);
            BinaryPrimitives.WriteUInt32BigEndian(f12[12..], (uint)groups.Count);
            for (var i = 0; i < groups.Count; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(f12[(16 + (i * 12))..], (uint)groups[i].Start);
                BinaryPrimitives.WriteUInt32BigEndian(f12[(20 + (i * 12))..], (uint)groups[i].End);
                BinaryPrimitives.WriteUInt32BigEndian(f12[(24 + (i * 12))..], (uint)groups[i].Glyph);
            }

            subtables.Add((3, 10, format12));
        }

        var cmap = new byte[4 + (subtables.Count * 8) + subtables.Sum(t => t.Data.Length)];
        var span = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)subtables.Count);
        var offset = 4 + (subtables.Count * 8);
        for (var i = 0; i < subtables.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(4 + (i * 8))..], subtables[i].Platform);
            BinaryPrimitives.WriteUInt16BigEndian(span[(6 + (i * 8))..], subtables[i].Encoding);
            BinaryPrimitives.WriteUInt32BigEndian(span[(8 + (i * 8))..], (uint)offset);
            subtables[i].Data.CopyTo(span[offset..]);
            offset += subtables[i].Data.Length;
        }

        return cmap;
    }

    /// <summary>
    /// The glyph ids a composite glyph refers to, with where each id is written (the description starts after the
    /// 10-byte header; positions count from there).
    /// </summary>
    private static List<(int Glyph, int Position)> Components(ReadOnlySpan<byte> data)
    {
        var result = new List<(int, int)>();
        var at = 0;
        while (at + 4 <= data.Length)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            result.Add((BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]), at + 2));
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
