using System.Buffers.Binary;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace TppsPortal.Meetings;

/// <summary>
/// Writes a <see cref="MinutesDocument"/> as a Word document (A4 portrait, the PDF's margins and order) for
/// secretariats that must edit the minutes; the PDF from <see cref="MinutesPdfRenderer"/> remains the official
/// record. Like the PDF renderer it only lays out what the model says. The font is named, not embedded:
/// Liberation Sans, as in the PDF, which Word replaces with the metric-compatible Arial where it is missing.
/// </summary>
public static class MinutesDocxRenderer
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The font family the PDF draws with (<see cref="Pdf.PdfFontFamily.Sans"/>).</summary>
    public const string FontName = "Liberation Sans";

    // Word measures in twentieths of a point (twips), font sizes in half points, images in EMU.
    private const int TwipsPerPoint = 20;
    private const long EmuPerPoint = 12700;
    private static readonly int TextWidth = Twips(Pdf.PdfPageSize.A4Portrait.Width - MinutesPdfRenderer.Margins.Left - MinutesPdfRenderer.Margins.Right);

    public static byte[] Render(MinutesDocument doc)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = doc.Info.Title;
            word.PackageProperties.Creator = doc.Info.Author;
            word.PackageProperties.Subject = doc.Info.Subject;
            word.PackageProperties.Created = doc.Info.CreatedAt.UtcDateTime;

            var main = word.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);

            Letterhead(main, body, doc.Letterhead);
            body.Append(Para(doc.Title, Look.Bold | Look.Underline, size: 13, JustificationValues.Center));
            body.Append(Para(doc.Subtitle, Look.Bold, size: 11, JustificationValues.Center));
            if (doc.IsExample)
            {
                body.Append(Para("Data contoh untuk demo.", Look.Italic, size: 9, JustificationValues.Center));
            }
            var draft = doc.StatusNote.StartsWith("DRAF", StringComparison.Ordinal);
            if (draft || doc.Amendments.Count > 0)
            {
                body.Append(Para(doc.StatusNote, Look.None, size: 9, JustificationValues.Center, color: "B00020"));
            }
            body.Append(Spacer());
            body.Append(Particulars(doc.Particulars));
            if (doc.AgencyAttendance.Count > 0)
            {
                body.Append(Para("Kehadiran instansi yang diundang:", Look.None, size: 11, JustificationValues.Left, keepWithNext: true, before: 4));
                body.Append(Particulars(doc.AgencyAttendance));
            }

            var section = 'A';
            if (!string.IsNullOrWhiteSpace(doc.Purpose))
            {
                body.Append(Heading(ref section, "Latar belakang dan tujuan"));
                body.Append(Prose(doc.Purpose));
            }
            if (doc.Agenda.Count > 0)
            {
                body.Append(Heading(ref section, "Acara"));
                body.Append(Numbered(doc.Agenda.Select((a, i) => (i + 1, a))));
            }
            if (doc.Speakers.Count > 0)
            {
                body.Append(Heading(ref section, "Narasumber"));
                body.Append(Grid(
                    [(6, JustificationValues.Center), (22, JustificationValues.Left), (22, JustificationValues.Left), (22, JustificationValues.Left), (28, JustificationValues.Left)],
                    ["No", "Nama", "Jabatan", "Asal", "Topik"],
                    doc.Speakers.Select((s, i) => Cells(Number(i + 1), s.Name, s.Position, s.Origin, s.Topic))));
            }
            if (doc.Proceedings.Count > 0)
            {
                body.Append(Heading(ref section, "Jalannya rapat"));
                foreach (var p in doc.Proceedings)
                {
                    body.Append(Para(p.Heading, Look.Bold, size: 11, JustificationValues.Left, keepWithNext: true, before: 4));
                    body.Append(Prose(p.Text));
                }
            }
            body.Append(Heading(ref section, "Kesimpulan / keputusan"));
            body.Append(doc.Decisions.Count == 0
                ? [Para("Tidak ada keputusan yang dicatat.")]
                : Numbered(doc.Decisions.Select(d => (d.Number, d.Text + (d.Bidang is null ? "" : $" (Bidang: {d.Bidang})")))));
            body.Append(Heading(ref section, "Rencana tindak lanjut"));
            body.Append(doc.Actions.Count == 0 ? Para("Tidak ada rencana tindak lanjut.") : (OpenXmlElement)ActionTable(doc.Actions));
            if (doc.CarriedOver.Count > 0)
            {
                body.Append(Heading(ref section, "Tindak lanjut rapat sebelumnya"));
                body.Append(ActionTable(doc.CarriedOver));
            }
            if (!string.IsNullOrEmpty(doc.ActionStatusNote))
            {
                body.Append(Para(doc.ActionStatusNote, Look.Italic, size: 9, JustificationValues.Left, before: 3));
            }
            if (!string.IsNullOrEmpty(doc.ClosingLine))
            {
                body.Append(Para(doc.ClosingLine, before: 8));
            }
            body.Append(Para(doc.SigningPlaceAndDate, Look.None, size: 11, JustificationValues.Right, keepWithNext: true, before: 14));
            body.Append(Signatures(doc.Chair, doc.NoteTaker));

            if (doc.Amendments.Count > 0)
            {
                body.Append(Para("Catatan perubahan notulen", Look.Bold, size: 11, JustificationValues.Left, keepWithNext: true, before: 12));
                body.Append(Grid(
                    [(16, JustificationValues.Left), (16, JustificationValues.Left), (34, JustificationValues.Left), (34, JustificationValues.Left)],
                    ["Tanggal", "Oleh", "Alasan", "Perubahan"],
                    doc.Amendments.Select(a => Cells(a.When, a.By, a.Reason, a.Summary))));
            }
            body.Append(Para(doc.StatusNote, Look.Italic, size: 9, JustificationValues.Left, before: 8));
            if (doc.Verification is { } v)
            {
                body.Append(Para($"Salinan yang dapat disunting dari notulen final versi {v.Version} (kode verifikasi {v.PrintedCode}). " +
                                 $"Dokumen resmi adalah berkas PDF versi ini; periksa keaslian di {v.Url}", Look.Italic, size: 9, JustificationValues.Left, before: 2));
            }

            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            body.Append(Para("LAMPIRAN: DAFTAR HADIR", Look.Bold, size: 13, JustificationValues.Center));
            body.Append(Para(doc.Subtitle, Look.None, size: 11, JustificationValues.Center));
            body.Append(Spacer());
            body.Append(doc.Attendance.Count == 0
                ? Para("Belum ada peserta yang dicatat.")
                : (OpenXmlElement)Grid(
                    [(7, JustificationValues.Center), (35, JustificationValues.Left), (25, JustificationValues.Left), (33, JustificationValues.Left)],
                    ["No", "Nama", "Jabatan", "Instansi"],
                    doc.Attendance.Select(a => Cells(Number(a.Number), a.Name, a.Position, a.Agency))));

            body.Append(new SectionProperties(
                new PageSize { Width = (UInt32Value)(uint)Twips(Pdf.PdfPageSize.A4Portrait.Width), Height = (UInt32Value)(uint)Twips(Pdf.PdfPageSize.A4Portrait.Height), Orient = PageOrientationValues.Portrait },
                new PageMargin
                {
                    Top = Twips(MinutesPdfRenderer.Margins.Top),
                    Right = (UInt32Value)(uint)Twips(MinutesPdfRenderer.Margins.Right),
                    Bottom = Twips(MinutesPdfRenderer.Margins.Bottom),
                    Left = (UInt32Value)(uint)Twips(MinutesPdfRenderer.Margins.Left),
                    Header = 567,
                    Footer = 567,
                    Gutter = 0,
                }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    [Flags]
    private enum Look
    {
        None = 0,
        Bold = 1,
        Italic = 2,
        Underline = 4,
    }

    private static int Twips(float points) => (int)MathF.Round(points * TwipsPerPoint);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string[] Cells(params string[] cells) => cells;

    /// <summary>The document's default font and size, so that every run need not name them.</summary>
    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = "id-ID" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "252", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    private static Paragraph Para(string text) => Para(text, Look.None, size: 11, JustificationValues.Left);

    private static Paragraph Para(string text, int before) => Para(text, Look.None, size: 11, JustificationValues.Left, before: before);

    private static Paragraph Para(string text, Look style, float size, JustificationValues align,
        string? color = null, bool keepWithNext = false, int before = 0, int after = 0, bool justify = false)
    {
        var props = new ParagraphProperties();
        if (keepWithNext)
        {
            props.Append(new KeepNext());
        }
        props.Append(new SpacingBetweenLines { Before = (before * TwipsPerPoint).ToString(CultureInfo.InvariantCulture), After = (after * TwipsPerPoint).ToString(CultureInfo.InvariantCulture) });
        props.Append(new Justification { Val = justify ? JustificationValues.Both : align });
        var paragraph = new Paragraph(props);
        paragraph.Append(Runs(text, style, size, color));
        return paragraph;
    }

    /// <summary>One run per line of the text, with line breaks between them.</summary>
    private static IEnumerable<Run> Runs(string text, Look style, float size, string? color = null)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var props = new RunProperties();
            // The order of these elements is fixed by the schema: b, i, color, sz, u.
            if (style.HasFlag(Look.Bold))
            {
                props.Append(new Bold());
            }
            if (style.HasFlag(Look.Italic))
            {
                props.Append(new Italic());
            }
            if (color is not null)
            {
                props.Append(new Color { Val = color });
            }
            if (Math.Abs(size - 11) > 0.01)
            {
                props.Append(new FontSize { Val = ((int)(size * 2)).ToString(CultureInfo.InvariantCulture) });
            }
            if (style.HasFlag(Look.Underline))
            {
                props.Append(new Underline { Val = UnderlineValues.Single });
            }
            var run = new Run(props);
            if (i > 0)
            {
                run.Append(new Break());
            }
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            yield return run;
        }
    }

    private static Paragraph Spacer() => Para("", Look.None, size: 6, JustificationValues.Left);

    private static Paragraph Heading(ref char section, string text)
    {
        var label = $"{section}. {text}";
        section++;
        return Para(label, Look.Bold, size: 11, JustificationValues.Left, keepWithNext: true, before: 10, after: 4);
    }

    private static IEnumerable<Paragraph> Prose(string text) =>
        text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Para(p, Look.None, size: 11, JustificationValues.Left, after: 4, justify: true));

    /// <summary>"1." and the text after a tab, with a hanging indent: plain paragraphs a secretary can edit.</summary>
    private static IEnumerable<Paragraph> Numbered(IEnumerable<(int Number, string Text)> items) =>
        items.Select(item =>
        {
            var paragraph = Para(item.Text, Look.None, size: 11, JustificationValues.Left, after: 2, justify: true);
            var props = paragraph.ParagraphProperties!;
            paragraph.InsertAfter(new Run(new Text(Number(item.Number) + "."), new TabChar()), props);
            props.InsertBefore(new Indentation { Left = "440", Hanging = "440" }, props.GetFirstChild<Justification>()); // w:ind comes before w:jc
            return paragraph;
        });

    private static Table Particulars(IReadOnlyList<LabelledLine> lines)
    {
        var widths = new[] { Twips(100), Twips(10), TextWidth - Twips(110) };
        var table = LayoutTable(widths);
        foreach (var line in lines)
        {
            table.Append(new TableRow(
                Cell(widths[0], [Para(line.Label)]),
                Cell(widths[1], [Para(":")]),
                Cell(widths[2], [Para(line.Value)])));
        }
        return table;
    }

    private static Table ActionTable(IReadOnlyList<ActionLine> lines)
    {
        var widths = new[] { 6, 40, 22, 16, 16 };
        var table = Grid(
            [(widths[0], JustificationValues.Center), (widths[1], JustificationValues.Left), (widths[2], JustificationValues.Left), (widths[3], JustificationValues.Left), (widths[4], JustificationValues.Left)],
            ["No", "Tindak lanjut", "Penanggung jawab", "Batas waktu", "Status"],
            lines.Select(a => Cells(Number(a.Number), a.Origin is null ? a.Description : $"{a.Description}\nDari: {a.Origin}", a.Responsible, a.DueDate, a.Status)));
        // Overdue statuses in dark red, as in the PDF: the last cell of each body row.
        var rows = table.Elements<TableRow>().Skip(1).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsOverdue)
            {
                foreach (var props in rows[i].Elements<TableCell>().Last().Descendants<RunProperties>())
                {
                    props.InsertBefore(new Color { Val = "8A0000" }, props.GetFirstChild<FontSize>()); // w:color comes before w:sz
                }
            }
        }
        return table;
    }

    /// <summary>A bordered table whose header row repeats on every page; widths are percentages of the text width.</summary>
    private static Table Grid((int Percent, JustificationValues Align)[] columns, string[] header, IEnumerable<string[]> rows)
    {
        var widths = columns.Select(c => TextWidth * c.Percent / 100).ToArray();
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "30", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "30", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        var head = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var i = 0; i < header.Length; i++)
        {
            var cell = Cell(widths[i], [Para(header[i], Look.Bold, size: 10, columns[i].Align)]);
            cell.TableCellProperties!.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D3D3D3" });
            head.Append(cell);
        }
        table.Append(head);
        foreach (var row in rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < row.Length; i++)
            {
                tr.Append(Cell(widths[i], [Para(row[i], Look.None, size: 10, columns[i].Align)]));
            }
            table.Append(tr);
        }
        return table;
    }

    /// <summary>A table without borders, used only to place things side by side.</summary>
    private static Table LayoutTable(int[] widths) =>
        new(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                    new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

    private static TableCell Cell(int width, IEnumerable<OpenXmlElement> content, TableVerticalAlignmentValues? valign = null)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (valign is { } v)
        {
            props.Append(new TableCellVerticalAlignment { Val = v });
        }
        var cell = new TableCell(props);
        cell.Append(content);
        return cell;
    }

    /// <summary>The two signatories side by side: role, room to sign, the name underlined, position, NIP when known.</summary>
    private static Table Signatures(Signatory chair, Signatory noteTaker)
    {
        var gap = Twips(30);
        var half = (TextWidth - gap) / 2;
        var widths = new[] { half, gap, half };
        var table = LayoutTable(widths);
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        row.Append(Cell(half, Signature(chair)), Cell(gap, [Para("")]), Cell(half, Signature(noteTaker)));
        table.Append(row);
        return table;
    }

    private static IEnumerable<Paragraph> Signature(Signatory who)
    {
        yield return Para(who.Role + ",", Look.None, size: 11, JustificationValues.Center, after: 52);
        yield return Para(string.IsNullOrWhiteSpace(who.Name) ? "(.................................)" : who.Name, Look.Bold | Look.Underline, size: 11, JustificationValues.Center);
        if (!string.IsNullOrWhiteSpace(who.Position))
        {
            yield return Para(who.Position, Look.None, size: 11, JustificationValues.Center);
        }
        if (!string.IsNullOrWhiteSpace(who.Nip))
        {
            yield return Para("NIP. " + who.Nip, Look.None, size: 11, JustificationValues.Center);
        }
    }

    /// <summary>Logo (when there is one), the government and office names and the address, over a double rule.</summary>
    private static void Letterhead(MainDocumentPart main, Body body, LetterheadBlock l)
    {
        var side = Twips(62);
        var widths = new[] { side, TextWidth - 2 * side, side };
        var table = LayoutTable(widths);
        var logo = l.Logo is { } bytes && Logo(main, bytes) is { } drawing
            ? new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(drawing))
            : Para("");
        var text = new List<Paragraph>
        {
            Para(l.Government, Look.Bold, size: 13, JustificationValues.Center),
            Para(l.Office, Look.Bold, size: 15, JustificationValues.Center),
        };
        if (!string.IsNullOrWhiteSpace(l.Address))
        {
            text.Add(Para(l.Address, Look.None, size: 9, JustificationValues.Center));
        }
        table.Append(new TableRow(
            Cell(widths[0], [logo], TableVerticalAlignmentValues.Center),
            Cell(widths[1], text, TableVerticalAlignmentValues.Center),
            Cell(widths[2], [Para("")], TableVerticalAlignmentValues.Center)));
        body.Append(table);

        // The double rule under the letterhead (thick over thin, as the PDF's 2 pt and 0.5 pt rules).
        var rule = Para("", Look.None, size: 4, JustificationValues.Left, after: 10);
        rule.ParagraphProperties!.PrependChild(new ParagraphBorders(new BottomBorder { Val = BorderValues.ThickThinSmallGap, Size = 18, Space = 1, Color = "000000" }));
        body.Append(rule);
    }

    /// <summary>The PNG logo inline, fitted into the 58 x 66 pt box the PDF gives it; null if the bytes are not a PNG.</summary>
    private static Drawing? Logo(MainDocumentPart main, byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature))
        {
            return null;
        }
        var pixelsWide = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4));
        var pixelsHigh = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4));
        if (pixelsWide == 0 || pixelsHigh == 0)
        {
            return null;
        }
        var scale = Math.Min(58.0 / pixelsWide, 66.0 / pixelsHigh);
        var cx = (long)Math.Round(pixelsWide * scale * EmuPerPoint);
        var cy = (long)Math.Round(pixelsHigh * scale * EmuPerPoint);

        var part = main.AddImagePart(ImagePartType.Png);
        using (var data = new MemoryStream(png, writable: false))
        {
            part.FeedData(data);
        }
        var relationshipId = main.GetIdOfPart(part);

        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = 1U, Name = "Logo" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = 0U, Name = "logo.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        });
    }
}
