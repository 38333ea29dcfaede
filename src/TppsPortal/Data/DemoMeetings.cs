using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Meetings;
using TppsPortal.Teams;

namespace TppsPortal.Data;

/// <summary>
/// The two seed meetings with the chairs, speakers and agencies the news articles name. What the articles do
/// not state (SK numbers, bidang names, most decisions and all actions) is marked "(contoh)".
/// </summary>
public sealed partial class DemoSeeder
{
    public const string LutimMeetingTitle =
        "Rapat Koordinasi TPPS Tingkat Kabupaten dirangkaikan dengan Orientasi Perangkat Daerah Pembina Percepatan Penurunan Stunting di Desa dan Kelurahan Tahun 2024";
    public const string SoppengMeetingTitle = "Rapat Koordinasi Teknis Tim Percepatan Penurunan Stunting Kabupaten Soppeng";

    private static readonly string[] BidangNames =
    [
        "Intervensi Spesifik (contoh)",
        "Intervensi Sensitif (contoh)",
        "Perubahan Perilaku dan Pendampingan Keluarga (contoh)",
        "Koordinasi, Konvergensi dan Perencanaan (contoh)",
        "Data, Monitoring dan Evaluasi (contoh)",
    ];

    private async Task<int> SeedTeamsAndMeetingsAsync(AppDbContext db, CancellationToken ct)
    {
        await SeedTeamAsync(db, "73.24", 5, "Malili",
            new DateOnly(2023, 1, 16),
            [
                ("Mochammad Akbar Andi Leluasa", "Wakil Bupati Luwu Timur", TeamRole.Ketua, "Setda"),
                ("Hj. Sufriaty", "Ketua TP PKK Kabupaten Luwu Timur", TeamRole.WakilKetua2, "TP PKK"),
                ("Hj. Puspawati", "Kepala Dinas Pengendalian Penduduk dan Keluarga Berencana", TeamRole.Sekretaris, "DP2KB"),
            ], ct);
        await SeedTeamAsync(db, "73.12", 4, "Watansoppeng",
            new DateOnly(2023, 3, 1),
            [
                ("Ir. H. Lutfi Halide, MP", "Wakil Bupati Soppeng", TeamRole.Ketua, "Setda"),
                ("Hj. A. Husniati, S.Sos, MM", "Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana", TeamRole.Sekretaris, "DP3APPKB"),
            ], ct);

        var added = 0;
        if (!await db.Meetings.AnyAsync(m => m.RegionCode == "73.24" && m.Title == LutimMeetingTitle, ct))
        {
            var id = await SeedLuwuTimurMeetingAsync(db, ct);
            await FixDemoMinutesAsync(db, id, "admin.lutim", ct);
            added++;
        }
        if (!await db.Meetings.AnyAsync(m => m.RegionCode == "73.12" && m.Title == SoppengMeetingTitle, ct))
        {
            await SeedSoppengMeetingAsync(db, ct);
            added++;
        }
        return added;
    }

    private static async Task SeedTeamAsync(AppDbContext db, string district, int bidangCount, string signingPlace, DateOnly decreeDate,
        (string Name, string Position, TeamRole Role, string Agency)[] members, CancellationToken ct)
    {
        if (!await db.Bidang.AnyAsync(b => b.DistrictCode == district, ct))
        {
            db.Bidang.AddRange(BidangNames.Take(bidangCount).Select((n, i) => new Bidang { DistrictCode = district, Name = n, SortOrder = i + 1 }));
        }
        if (!await db.Letterheads.AnyAsync(l => l.DistrictCode == district, ct))
        {
            var name = await db.Regions.Where(r => r.Code == district).Select(r => r.Name).FirstAsync(ct);
            db.Letterheads.Add(new DistrictLetterhead
            {
                DistrictCode = district,
                Government = "PEMERINTAH " + name.ToUpperInvariant(),
                Office = "TIM PERCEPATAN PENURUNAN STUNTING",
                Address = $"Sekretariat TPPS, {signingPlace} (alamat contoh)",
                SigningPlace = signingPlace,
                TimeZone = "WITA",
            });
        }
        if (!await db.TeamDecrees.AnyAsync(d => d.DistrictCode == district, ct))
        {
            var agencies = await db.Agencies.Where(a => a.RegionCode == district).ToDictionaryAsync(a => a.ShortName, a => a.Id, ct);
            db.TeamDecrees.Add(new TeamDecree
            {
                DistrictCode = district,
                Number = "(contoh) 100.3.3.2/TPPS/" + decreeDate.Year,
                Title = "Pembentukan Tim Percepatan Penurunan Stunting (contoh: nomor dan tanggal SK tidak dipublikasikan)",
                DecreeDate = decreeDate,
                PeriodStart = decreeDate,
                Members = members.Select((m, i) => new TeamMember
                {
                    Name = m.Name, Position = m.Position, Role = m.Role, SortOrder = i + 1,
                    AgencyId = agencies.TryGetValue(m.Agency, out var id) ? id : null,
                }).ToList(),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Dictionary<string, int>> AgencyIdsAsync(AppDbContext db, string district, CancellationToken ct) =>
        await db.Agencies.Where(a => a.RegionCode == district || a.RegionCode.StartsWith(district + ".") || a.RegionCode == "73")
            .ToDictionaryAsync(a => a.ShortName, a => a.Id, ct);

    /// <summary>The final demo minutes get their version 1 as finalising would have made it.</summary>
    private async Task FixDemoMinutesAsync(AppDbContext db, int meetingId, string finalizedBy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(finalizedBy)
                   ?? throw new InvalidOperationException($"Demo account {finalizedBy} is missing.");
        var meeting = await db.Meetings.FirstAsync(m => m.Id == meetingId, ct);
        await scope.ServiceProvider.GetRequiredService<MinutesService>()
            .FreezeAsync(db, Actor.FromUser(user), meetingId, reason: null, summary: "", portalAddress: null, ct, at: meeting.FinalizedAt);
    }

    private static async Task<int> SeedLuwuTimurMeetingAsync(AppDbContext db, CancellationToken ct)
    {
        var ids = await AgencyIdsAsync(db, "73.24", ct);
        var kecamatan = ids.Where(k => k.Key.StartsWith("Kec. ", StringComparison.Ordinal)).OrderBy(k => k.Key).ToList();
        var bidang = await db.Bidang.Where(b => b.DistrictCode == "73.24").OrderBy(b => b.SortOrder).Select(b => b.Id).ToListAsync(ct);
        var meeting = new Meeting
        {
            RegionCode = "73.24",
            Kind = MeetingKind.RakorKabupaten,
            Title = LutimMeetingTitle,
            Date = new DateOnly(2024, 2, 13),
            StartTime = new TimeOnly(9, 0),
            EndTime = new TimeOnly(12, 0),
            TimeZone = "WITA",
            Venue = "Aula Kantor Bupati Luwu Timur",
            Purpose = "Mengawal dan mendukung pelaksanaan percepatan penurunan stunting, terutama dalam menyusun kegiatan yang tepat, " +
                      "serta orientasi bagi perangkat daerah pembina percepatan penurunan stunting di desa dan kelurahan tahun 2024.",
            ChairName = "Mochammad Akbar Andi Leluasa",
            ChairPosition = "Wakil Bupati Luwu Timur selaku Ketua TPPS",
            NoteTakerName = "Staf Sekretariat TPPS (contoh)",
            NoteTakerPosition = "Sekretariat TPPS Kabupaten Luwu Timur",
            GeneralNotes = "Rapat dibuka oleh Wakil Bupati Luwu Timur, didampingi Ketua TP PKK (Wakil Ketua II TPPS) dan Kepala DP2KB. " +
                           "Wakil Bupati menyampaikan bahwa peningkatan kualitas manusia Indonesia merupakan salah satu misi RPJMN 2020-2024 dengan " +
                           "indikator prevalensi stunting pada balita: \"Target kita sangat jelas bahwa kita ingin menurunkan stunting hingga 14 persen " +
                           "pada tahun 2024, dimana Luwu Timur berdasarkan SSGI tahun 2022 yaitu 22,6 persen dan kita memiliki target penurunan sebanyak 8,6 persen.\" " +
                           "Percepatan penurunan stunting memerlukan komitmen kuat dari semua pihak dan konvergensi antarprogram, dengan keterlibatan seluruh OPD, " +
                           "pihak swasta, masyarakat dan tokoh agama; bukan hanya tugas sektor kesehatan tetapi tugas kita semua.",
            Status = MeetingStatus.NotulenFinal,
            FinalizedAt = new DateTimeOffset(2024, 2, 14, 2, 0, 0, TimeSpan.Zero),
            FinalizedBy = "Admin Sekretariat TPPS Luwu Timur (demo)",
            UpdatedBy = "Admin Sekretariat TPPS Luwu Timur (demo)",
            Agenda =
            [
                new AgendaItem { Order = 1, Title = "Pembukaan dan arahan Ketua TPPS", Notes = "Arahan Wakil Bupati sebagaimana dicatat pada catatan umum." },
                new AgendaItem { Order = 2, Title = "Materi orientasi OPD pembina desa/kelurahan (BKKBN Perwakilan Provinsi Sulawesi Selatan)", Notes = "Paparan narasumber BKKBN tentang peran OPD pembina dalam percepatan penurunan stunting di desa dan kelurahan (ringkasan contoh)." },
                new AgendaItem { Order = 3, Title = "Paparan Ketua TP PKK selaku Wakil Ketua II TPPS", Notes = "Peran PKK dan kader dalam pendampingan keluarga berisiko stunting (ringkasan contoh)." },
                new AgendaItem { Order = 4, Title = "Diskusi dan kesepakatan", Notes = "" },
            ],
            Speakers =
            [
                new Speaker { Order = 1, Name = "Narasumber BKKBN Perwakilan Provinsi Sulawesi Selatan", Position = "Narasumber", AgencyId = ids.GetValueOrDefault("BKKBN Sulsel"), Topic = "Orientasi OPD pembina percepatan penurunan stunting di desa dan kelurahan" },
                new Speaker { Order = 2, Name = "Hj. Sufriaty", Position = "Ketua TP PKK Kabupaten Luwu Timur, Wakil Ketua II TPPS", AgencyId = ids.GetValueOrDefault("TP PKK"), Topic = "Peran TP PKK dalam percepatan penurunan stunting" },
            ],
            Invitations = new[] { "Setda", "DP2KB", "Dinkes", "Bappeda", "DPMD", "TP PKK", "BKKBN Sulsel" }
                .Where(ids.ContainsKey).Select(k => new Invitation { AgencyId = ids[k], Attendance = AttendanceStatus.Hadir })
                .Concat(kecamatan.Select(k => new Invitation { AgencyId = k.Value, Attendance = AttendanceStatus.Hadir }))
                .ToList(),
            Attendees =
            [
                new Attendee { Order = 1, Name = "Mochammad Akbar Andi Leluasa", Position = "Wakil Bupati Luwu Timur", AgencyId = ids.GetValueOrDefault("Setda") },
                new Attendee { Order = 2, Name = "Hj. Sufriaty", Position = "Ketua TP PKK", AgencyId = ids.GetValueOrDefault("TP PKK") },
                new Attendee { Order = 3, Name = "Hj. Puspawati", Position = "Kepala DP2KB", AgencyId = ids.GetValueOrDefault("DP2KB") },
                new Attendee { Order = 4, Name = "Narasumber BKKBN Perwakilan Provinsi Sulawesi Selatan", Position = "Narasumber", AgencyId = ids.GetValueOrDefault("BKKBN Sulsel") },
                .. kecamatan.Select((k, i) => new Attendee { Order = 5 + i, Name = $"Camat {k.Key[5..]} (contoh)", Position = "Camat", AgencyId = k.Value }),
            ],
            Decisions =
            [
                new Decision { Number = 1, Text = "Menurunkan prevalensi stunting Kabupaten Luwu Timur dari 22,6 % (SSGI 2022) menjadi 14 % pada tahun 2024, yaitu penurunan 8,6 poin." },
                new Decision { Number = 2, Text = "Seluruh OPD, pihak swasta, masyarakat dan tokoh agama dilibatkan; tim yang telah di-SK-kan Bupati bekerja maksimal." },
                new Decision { Number = 3, Text = "(contoh) OPD pembina menyusun rencana kegiatan pembinaan desa/kelurahan yang terukur.", BidangId = bidang.ElementAtOrDefault(3) is var b3 and > 0 ? b3 : null },
            ],
            IsExample = false,
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);

        var decisions = meeting.Decisions.OrderBy(d => d.Number).ToList();
        AddActions(db, meeting, "73.24",
        [
            ("(contoh) Menyusun rencana kegiatan pembinaan desa/kelurahan oleh setiap OPD pembina", "Bappeda", new DateOnly(2024, 3, 31), ActionStatus.Selesai, decisions[2].Id, null),
            ("(contoh) Pemutakhiran data keluarga berisiko stunting per desa", "DP2KB", new DateOnly(2024, 4, 30), ActionStatus.Proses, decisions[0].Id, null),
            ("(contoh) Pengukuran serentak balita di posyandu Kecamatan Malili", "Dinkes", new DateOnly(2024, 6, 30), ActionStatus.Belum, decisions[0].Id, "73.24.04"),
            ("(contoh) Orientasi kader PKK tentang pendampingan keluarga", "TP PKK", new DateOnly(2024, 5, 31), ActionStatus.Proses, decisions[1].Id, null),
        ]);
        await db.SaveChangesAsync(ct);
        return meeting.Id;
    }

    private static async Task SeedSoppengMeetingAsync(AppDbContext db, CancellationToken ct)
    {
        var ids = await AgencyIdsAsync(db, "73.12", ct);
        var kecamatan = ids.Where(k => k.Key.StartsWith("Kec. ", StringComparison.Ordinal)).OrderBy(k => k.Key).ToList();
        var bidang = await db.Bidang.Where(b => b.DistrictCode == "73.12").OrderBy(b => b.SortOrder).Select(b => b.Id).ToListAsync(ct);
        string[] invited = ["Setda", "DP3APPKB", "Dinkes", "RSUD Latemmamala", "IBI", "BPS", "Satgas Stunting", "Akbid Menara Primadani", "Akper Putra Pertiwi", "TAPD"];
        var meeting = new Meeting
        {
            RegionCode = "73.12",
            Kind = MeetingKind.RakorTeknis,
            Title = SoppengMeetingTitle,
            Date = new DateOnly(2024, 12, 3),
            StartTime = new TimeOnly(9, 0),
            EndTime = new TimeOnly(12, 30),
            TimeZone = "WITA",
            Venue = "Aula Kantor DP3APPKB Kabupaten Soppeng",
            Purpose = "Mengetahui kemajuan program, memberikan umpan balik, dan menjadi pertimbangan dalam perencanaan dan penganggaran; " +
                      "menilai kesesuaian kegiatan dengan target strategi nasional dan memberikan rekomendasi untuk pencapaian keberhasilan.",
            ChairName = "Ir. H. Lutfi Halide, MP",
            ChairPosition = "Wakil Bupati Soppeng selaku Ketua TPPS",
            NoteTakerName = "Staf Sekretariat TPPS (contoh)",
            NoteTakerPosition = "Sekretariat TPPS Kabupaten Soppeng",
            GeneralNotes = "Kepala DP3APPKB menyampaikan laporan tujuan rapat. Wakil Bupati menekankan pentingnya komitmen, kolaborasi dan integrasi; " +
                           "mengapresiasi kerja keras yang telah dilakukan dan mendorong evaluasi yang lebih terencana dan terfokus, khususnya pada empat bidang " +
                           "sesuai struktur TPPS: \"Kita harus menyamakan persepsi dan membuat rencana kerja serta rencana aksi yang lebih cepat dan terukur.\" " +
                           "Target: Soppeng Zero Stunting.",
            Status = MeetingStatus.Selesai,
            UpdatedBy = "Admin Sekretariat TPPS Soppeng (demo)",
            Agenda =
            [
                new AgendaItem { Order = 1, Title = "Laporan Kepala DP3APPKB", Notes = "Tujuan rapat: kemajuan program, umpan balik, perencanaan dan penganggaran, kesesuaian dengan strategi nasional." },
                new AgendaItem { Order = 2, Title = "Sambutan dan arahan Wakil Bupati Soppeng", Notes = "Peran TPPS lebih nyata, program konvergen, berkesinambungan dan tepat sasaran." },
                new AgendaItem { Order = 3, Title = "Evaluasi per bidang TPPS", Notes = "(contoh) Setiap koordinator bidang memaparkan capaian dan kendala." },
            ],
            Speakers =
            [
                new Speaker { Order = 1, Name = "Hj. A. Husniati, S.Sos, MM", Position = "Kepala DP3APPKB Kabupaten Soppeng", AgencyId = ids.GetValueOrDefault("DP3APPKB"), Topic = "Laporan penyelenggaraan dan tujuan rapat" },
            ],
            Invitations = invited.Where(ids.ContainsKey).Select(k => new Invitation { AgencyId = ids[k], Attendance = AttendanceStatus.Hadir })
                .Concat(kecamatan.Select(k => new Invitation { AgencyId = k.Value, Attendance = AttendanceStatus.Hadir }))
                .ToList(),
            Attendees =
            [
                new Attendee { Order = 1, Name = "Ir. H. Lutfi Halide, MP", Position = "Wakil Bupati Soppeng", AgencyId = ids.GetValueOrDefault("Setda") },
                new Attendee { Order = 2, Name = "Hj. A. Husniati, S.Sos, MM", Position = "Kepala DP3APPKB", AgencyId = ids.GetValueOrDefault("DP3APPKB") },
                new Attendee { Order = 3, Name = "Direktur RSUD Latemmamala (contoh)", Position = "Direktur", AgencyId = ids.GetValueOrDefault("RSUD Latemmamala") },
                new Attendee { Order = 4, Name = "Ketua IBI Kabupaten Soppeng (contoh)", Position = "Ketua", AgencyId = ids.GetValueOrDefault("IBI") },
                new Attendee { Order = 5, Name = "Kepala BPS Kabupaten Soppeng (contoh)", Position = "Kepala", AgencyId = ids.GetValueOrDefault("BPS") },
                .. kecamatan.Select((k, i) => new Attendee { Order = 6 + i, Name = $"Camat {k.Key[5..]} (contoh)", Position = "Camat", AgencyId = k.Value }),
            ],
            Decisions =
            [
                new Decision { Number = 1, Text = "Memperkuat kolaborasi antar stakeholder dan meningkatkan efektivitas program percepatan penurunan stunting di Kabupaten Soppeng." },
                new Decision { Number = 2, Text = "Pemerintah Kabupaten Soppeng berkomitmen untuk terus berupaya mencapai target \"Soppeng Zero Stunting\"." },
                new Decision { Number = 3, Text = "(contoh) Setiap bidang menyusun rencana kerja dan rencana aksi yang terukur.", BidangId = bidang.FirstOrDefault() is var b1 and > 0 ? b1 : null },
            ],
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        var decisions = meeting.Decisions.OrderBy(d => d.Number).ToList();
        AddActions(db, meeting, "73.12",
        [
            ("(contoh) Menyusun rencana aksi terukur per bidang TPPS", "DP3APPKB", new DateOnly(2025, 1, 31), ActionStatus.Proses, decisions[2].Id, null),
            ("(contoh) Rekap data intervensi serentak per kecamatan untuk perencanaan 2025", "Dinkes", new DateOnly(2025, 2, 28), ActionStatus.Belum, decisions[0].Id, null),
            ("(contoh) Pendampingan ibu hamil KEK oleh bidan desa", "IBI", new DateOnly(2025, 3, 31), ActionStatus.Belum, decisions[1].Id, "73.12.04"),
        ]);
        await db.SaveChangesAsync(ct);
    }

    private static void AddActions(AppDbContext db, Meeting meeting, string district,
        (string Text, string Agency, DateOnly Due, ActionStatus Status, int DecisionId, string? Area)[] actions)
    {
        var ids = db.Agencies.Where(a => a.RegionCode == district || a.RegionCode.StartsWith(district + ".")).ToDictionary(a => a.ShortName, a => a.Id);
        var number = 0;
        foreach (var a in actions.Where(a => ids.ContainsKey(a.Agency)))
        {
            db.FollowUpActions.Add(new FollowUpAction
            {
                MeetingId = meeting.Id,
                DistrictCode = district,
                Number = ++number,
                Description = a.Text,
                ResponsibleAgencyId = ids[a.Agency],
                DueDate = a.Due,
                Status = a.Status,
                DecisionId = a.DecisionId,
                AreaCode = a.Area,
                IsExample = true,
            });
        }
    }
}
