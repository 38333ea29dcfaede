namespace TppsPortal.Pdf;

/// <summary>
/// Places slices on pages top to bottom. A slice that does not fit moves to the next page; a table row
/// there gets its header row first; a slice taller than a whole page is split between its lines.
/// </summary>
internal static class Paginator
{
    private const float Epsilon = 0.01f;

    /// <summary>A slice and the y of its top edge on its page.</summary>
    public readonly record struct Placement(Slice Slice, float Y);

    /// <param name="slices">The body, laid out.</param>
    /// <param name="body">The top and bottom of the body area on page index i (0-based).</param>
    /// <returns>The placements on each page; at least one (possibly empty) page.</returns>
    public static List<List<Placement>> Paginate(IReadOnlyList<Slice> slices, Func<int, (float Top, float Bottom)> body)
    {
        var pages = new List<List<Placement>>();
        var page = new List<Placement>();
        var (top, bottom) = body(0);
        var y = top;
        Slice? headerOnPage = null;

        var next = 0;
        Slice? pending = null;
        while (pending is not null || next < slices.Count)
        {
            var slice = pending ?? slices[next++];
            pending = null;
            var pageHasContent = page.Count > 0;

            if (slice.IsPageBreak)
            {
                if (pageHasContent)
                {
                    NewPage();
                }

                continue;
            }

            if (slice.Collapsible && !pageHasContent)
            {
                continue;
            }

            var header = slice.RepeatHeader is { } h && !ReferenceEquals(h, headerOnPage) ? h : null;
            var headerHeight = header?.Height ?? 0;
            var need = headerHeight + slice.Height + (slice.KeepWithNext ? NextRequirement(slices, next) : 0);
            if (y + need <= bottom + Epsilon)
            {
                Place(header);
                Place(slice);
                continue;
            }

            var (nextTop, nextBottom) = body(pages.Count + 1);
            var freshRoom = nextBottom - nextTop - (slice.RepeatHeader?.Height ?? 0);
            var fitsAlone = y + headerHeight + slice.Height <= bottom + Epsilon;
            if (!fitsAlone && slice.CanSplit && (!pageHasContent || slice.Height > freshRoom + Epsilon))
            {
                // Too tall for any page (or already at the top of one): fill this page and continue on the next.
                if (slice.TrySplit(bottom - y - headerHeight, out var first, out var rest))
                {
                    Place(header);
                    Place(first);
                    NewPage();
                    pending = rest;
                    continue;
                }
            }

            if (!pageHasContent)
            {
                // Nothing fits a fresh page and nothing can be split: place it anyway rather than loop for ever.
                Place(header);
                Place(slice);
                continue;
            }

            NewPage();
            pending = slice;
        }

        if (page.Count > 0 || pages.Count == 0)
        {
            pages.Add(page);
        }

        return pages;

        void Place(Slice? s)
        {
            if (s is null)
            {
                return;
            }

            page.Add(new Placement(s, y));
            y += s.Height;
            if (s.IsTableHeader)
            {
                headerOnPage = s;
            }
        }

        void NewPage()
        {
            pages.Add(page);
            page = [];
            (top, bottom) = body(pages.Count);
            y = top;
            headerOnPage = null;
        }
    }

    /// <summary>The height the slices from <paramref name="index"/> on need so that the first real one starts on the same page.</summary>
    private static float NextRequirement(IReadOnlyList<Slice> slices, int index)
    {
        var need = 0f;
        for (var i = index; i < slices.Count; i++)
        {
            var s = slices[i];
            if (s.IsPageBreak)
            {
                return 0;
            }

            if (s.Collapsible)
            {
                need += s.Height;
                continue;
            }

            return need + (s.CanSplit ? s.MinSplitHeight : s.Height);
        }

        return 0;
    }
}
