namespace TppsPortal.Teams;

public sealed class DecreeForm
{
    public string DistrictCode { get; set; } = "";
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly? DecreeDate { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public List<MemberForm> Members { get; set; } = [];
    public uint Version { get; set; }
}

public sealed class MemberForm
{
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public string? Nip { get; set; }
    public int? AgencyId { get; set; }
    public TeamRole Role { get; set; } = TeamRole.Anggota;
    public int? BidangId { get; set; }
}

public sealed record DecreeSummary(int Id, string Number, string Title, DateOnly DecreeDate, DateOnly PeriodStart, DateOnly? PeriodEnd, int MemberCount, bool IsCurrent);

public sealed record BidangRow(int Id, string Name, int SortOrder, bool IsActive, uint Version);
