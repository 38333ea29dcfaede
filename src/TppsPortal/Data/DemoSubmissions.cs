using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Data;

/// <summary>
/// A year of sample monthly figures (all marked as examples) for the demo districts, in every state of the
/// workflow, so that the completeness board and the dashboards have something to show. Generated from a fixed
/// seed: the same every time. Only added when the district has no reporting period yet.
/// </summary>
public sealed partial class DemoSeeder
{
    /// <summary>Who filled in and submitted the demo reports, as the records name a person.</summary>
    private const string DemoOperator = "Operator kecamatan (contoh)";

    private static readonly string[] DemoDistricts = ["73.24", "73.12"];

    private async Task<int> SeedSubmissionsAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var added = 0;
        foreach (var district in DemoDistricts)
        {
            if (await db.ReportingPeriods.AnyAsync(p => p.DistrictCode == district, ct))
            {
                continue;
            }
            var random = new Random(district == "73.24" ? 7324 : 7312);
            var kecamatan = await db.Regions.Where(r => r.ParentCode == district && r.Level == RegionLevel.Kecamatan).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
            var villages = (await db.Regions.Where(r => r.ParentCode != null && r.ParentCode.StartsWith(district + ".") && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
                    .Select(r => new { r.Code, r.ParentCode }).ToListAsync(ct))
                .GroupBy(v => v.ParentCode!).ToDictionary(g => g.Key, g => g.Select(v => v.Code).OrderBy(c => c).ToList());
            // Each village keeps its own size and a stunting level that drifts slowly.
            var baseline = villages.Values.SelectMany(v => v).ToDictionary(v => v, _ => (Registered: random.Next(60, 220), Rate: 0.06 + (random.NextDouble() * 0.14)));
            var demoKecamatan = district == "73.24" ? "73.24.04" : "73.12.04";
            // Records name people by display name: the district's demo admin, and a made-up kecamatan operator.
            var admin = Accounts.First(a => a.Role == Role.AdminSekretariat && a.Region == district).FullName;

            var first = today.AddMonths(-11);
            for (var i = 0; i < 12; i++)
            {
                var month = first.AddMonths(i);
                var period = new ReportingPeriod
                {
                    DistrictCode = district,
                    Year = month.Year,
                    Month = month.Month,
                    IsWeighingMonth = ReportingPeriod.WeighingMonth(month.Month),
                    Deadline = new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(9),
                    OpenedAt = new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero),
                    OpenedBy = admin,
                };
                db.ReportingPeriods.Add(period);
                var monthsAgo = 11 - i;
                foreach (var kec in kecamatan)
                {
                    var state = DemoState(kec == demoKecamatan, monthsAgo, random);
                    if (state is null || !villages.TryGetValue(kec, out var codes))
                    {
                        continue;
                    }
                    var late = state is ReportStatus.Disetujui && random.NextDouble() < 0.15;
                    var stamp = new DateTimeOffset(period.Deadline.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(late ? 3 : -3);
                    // Last month's deadline may still be ahead: what is already submitted or decided happened before today.
                    var decidedBefore = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-6);
                    if (stamp.AddDays(2) > decidedBefore)
                    {
                        stamp = decidedBefore.AddDays(-2);
                        late = false;
                    }
                    var report = new KecamatanReport
                    {
                        Period = period,
                        KecamatanCode = kec,
                        Status = state.Value,
                        IsLate = late,
                        IsExample = true,
                        Note = "Data contoh untuk demo.",
                        SubmittedAt = state is ReportStatus.Draft ? null : stamp,
                        SubmittedBy = state is ReportStatus.Draft ? null : DemoOperator,
                        DecidedAt = state is ReportStatus.Disetujui or ReportStatus.Dikembalikan ? stamp.AddDays(2) : null,
                        DecidedBy = state is ReportStatus.Disetujui or ReportStatus.Dikembalikan ? admin : null,
                        ReturnComment = state is ReportStatus.Dikembalikan ? "(contoh) Mohon periksa kembali angka balita diukur desa pertama." : null,
                    };
                    var fill = state is ReportStatus.Draft ? codes.Take(Math.Max(1, codes.Count / 2)) : codes;
                    foreach (var code in fill)
                    {
                        report.Rows.Add(SampleRow(code, baseline[code], period, monthsAgo, random));
                    }
                    db.KecamatanReports.Add(report);
                    added++;
                }
            }
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    /// <summary>The demo kecamatan shows every state; the others are mostly approved, with a few gaps.</summary>
    private static ReportStatus? DemoState(bool demoKecamatan, int monthsAgo, Random random)
    {
        if (demoKecamatan)
        {
            return monthsAgo switch
            {
                0 => ReportStatus.Draft,
                1 => ReportStatus.Dikembalikan,
                2 => ReportStatus.Diajukan,
                _ => ReportStatus.Disetujui,
            };
        }
        var roll = random.NextDouble();
        return monthsAgo switch
        {
            0 => roll < 0.4 ? ReportStatus.Draft : roll < 0.6 ? ReportStatus.Diajukan : null,
            1 => roll < 0.5 ? ReportStatus.Diajukan : roll < 0.85 ? ReportStatus.Disetujui : null,
            _ => roll < 0.9 ? ReportStatus.Disetujui : roll < 0.95 ? ReportStatus.Dikembalikan : null,
        };
    }

    private static VillageRow SampleRow(string code, (int Registered, double Rate) village, ReportingPeriod period, int monthsAgo, Random random)
    {
        var registered = village.Registered + random.Next(-4, 5);
        var coverage = period.IsWeighingMonth ? 0.93 + (random.NextDouble() * 0.06) : 0.72 + (random.NextDouble() * 0.18);
        var measured = (int)Math.Round(registered * coverage);
        // Slow improvement over the year, with noise.
        var rate = Math.Max(0.01, village.Rate * (1 - (0.015 * (11 - monthsAgo))) + ((random.NextDouble() - 0.5) * 0.02));
        var stuntedTotal = (int)Math.Round(measured * rate);
        var severe = (int)Math.Round(stuntedTotal * (0.2 + (random.NextDouble() * 0.15)));
        var families = (int)Math.Round(registered * (2.4 + random.NextDouble()));
        var pregnant = random.Next(5, 25);
        return new VillageRow
        {
            VillageCode = code,
            Families = families,
            FamiliesAtRisk = (int)Math.Round(families * (0.05 + (random.NextDouble() * 0.1))),
            ToddlersRegistered = registered,
            ToddlersMeasured = measured,
            SeverelyStunted = severe,
            Stunted = stuntedTotal - severe,
            Wasted = (int)Math.Round(measured * (0.02 + (random.NextDouble() * 0.05))),
            Underweight = (int)Math.Round(measured * (0.05 + (random.NextDouble() * 0.08))),
            Pregnant = pregnant,
            PregnantKek = random.Next(0, Math.Max(1, pregnant / 4)),
            UnderTwo = (int)Math.Round(registered * 0.4),
            UpdatedBy = DemoOperator,
            Comment = "",
        };
    }
}
