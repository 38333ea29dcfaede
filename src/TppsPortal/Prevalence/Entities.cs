using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Regions;

namespace TppsPortal.Prevalence;

/// <summary>Survey estimates (SSGI, SKI ...) and routine measurement (e-PPGBM, camat forms) disagree widely: a series never mixes the two.</summary>
public enum SourceKind
{
    Survey = 1,
    Routine = 2,
}

/// <summary>What is measured: stunting, wasting, underweight, overweight (a list; more can be added).</summary>
public sealed class Indicator
{
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = 100;

    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public uint Version { get; set; }
}

/// <summary>Where a figure comes from. Surveys report a year, routine sources a month.</summary>
public sealed class DataSource
{
    /// <summary>The source of figures that come from approved camat forms of this portal.</summary>
    public const string CamatForms = "FORM";
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = 150;

    public required string Code { get; set; }
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }
    public bool IsMonthly { get; set; }
    public int SortOrder { get; set; }
    public uint Version { get; set; }
}

/// <summary>A published or entered figure: area (any level), indicator, source, period, value in percent.</summary>
public sealed class PrevalenceFigure : Common.ITimestamped
{
    public const int CitationMaxLength = 500;

    public int Id { get; set; }
    public required string RegionCode { get; set; }
    public required string IndicatorCode { get; set; }
    public required string SourceCode { get; set; }
    public int Year { get; set; }

    /// <summary>Null for a survey (a year); 1-12 for routine data.</summary>
    public int? Month { get; set; }
    public decimal Value { get; set; }
    public int? Numerator { get; set; }
    public int? Denominator { get; set; }

    /// <summary>Relative standard error in percent, or a 95 % interval, when the source gives one.</summary>
    public decimal? RelativeStandardError { get; set; }
    public decimal? IntervalLow { get; set; }
    public decimal? IntervalHigh { get; set; }
    public string Citation { get; set; } = "";
    public bool IsExample { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>A target path of an area and indicator: a baseline (source, year, value) and yearly targets.</summary>
public sealed class TargetPath
{
    public int Id { get; set; }
    public required string RegionCode { get; set; }
    public required string IndicatorCode { get; set; }
    public required string BaselineSourceCode { get; set; }
    public int BaselineYear { get; set; }
    public decimal BaselineValue { get; set; }
    public string Citation { get; set; } = "";
    public bool IsExample { get; set; }
    public List<TargetYear> Years { get; set; } = [];
    public uint Version { get; set; }
}

public sealed class TargetYear
{
    public int Id { get; set; }
    public int TargetPathId { get; set; }
    public int Year { get; set; }
    public decimal Value { get; set; }
}

public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("indicators");
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(Indicator.CodeMaxLength);
        builder.Property(i => i.Name).HasMaxLength(Indicator.NameMaxLength);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasData(
            new Indicator { Code = "stunting", Name = "Stunting (pendek dan sangat pendek)", SortOrder = 1 },
            new Indicator { Code = "wasting", Name = "Wasting (gizi kurang)", SortOrder = 2 },
            new Indicator { Code = "underweight", Name = "Underweight (berat badan kurang)", SortOrder = 3 },
            new Indicator { Code = "overweight", Name = "Overweight (gizi lebih)", SortOrder = 4 });
    }
}

public sealed class DataSourceConfiguration : IEntityTypeConfiguration<DataSource>
{
    public void Configure(EntityTypeBuilder<DataSource> builder)
    {
        builder.ToTable("data_sources");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(DataSource.CodeMaxLength);
        builder.Property(s => s.Name).HasMaxLength(DataSource.NameMaxLength);
        builder.Property(s => s.Version).IsRowVersion();
        builder.Property(s => s.Kind).HasConversion<short>();
        builder.HasData(
            new DataSource { Code = "RISKESDAS", Name = "Riskesdas", Kind = SourceKind.Survey, SortOrder = 1 },
            new DataSource { Code = "SSGBI", Name = "SSGBI", Kind = SourceKind.Survey, SortOrder = 2 },
            new DataSource { Code = "SSGI", Name = "SSGI", Kind = SourceKind.Survey, SortOrder = 3 },
            new DataSource { Code = "SKI", Name = "SKI", Kind = SourceKind.Survey, SortOrder = 4 },
            new DataSource { Code = "EPPGBM", Name = "e-PPGBM (penimbangan)", Kind = SourceKind.Routine, IsMonthly = true, SortOrder = 5 },
            new DataSource { Code = "INTERVENSI", Name = "Intervensi serentak", Kind = SourceKind.Routine, IsMonthly = true, SortOrder = 6 },
            new DataSource { Code = DataSource.CamatForms, Name = "Formulir kecamatan (portal ini)", Kind = SourceKind.Routine, IsMonthly = true, SortOrder = 7 });
    }
}

public sealed class PrevalenceFigureConfiguration : IEntityTypeConfiguration<PrevalenceFigure>
{
    public void Configure(EntityTypeBuilder<PrevalenceFigure> builder)
    {
        builder.ToTable("prevalence_figures");
        builder.Property(f => f.RegionCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(f => f.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(f => f.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DataSource>().WithMany().HasForeignKey(f => f.SourceCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.Value).HasPrecision(6, 2);
        builder.Property(f => f.RelativeStandardError).HasPrecision(6, 2);
        builder.Property(f => f.IntervalLow).HasPrecision(6, 2);
        builder.Property(f => f.IntervalHigh).HasPrecision(6, 2);
        builder.Property(f => f.Citation).HasMaxLength(PrevalenceFigure.CitationMaxLength);
        builder.HasIndex(f => new { f.RegionCode, f.IndicatorCode, f.SourceCode, f.Year, f.Month }).IsUnique().AreNullsDistinct(false);
        builder.Property(f => f.Version).IsRowVersion();
    }
}

public sealed class TargetPathConfiguration : IEntityTypeConfiguration<TargetPath>
{
    public void Configure(EntityTypeBuilder<TargetPath> builder)
    {
        builder.ToTable("target_paths");
        builder.Property(t => t.RegionCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(t => t.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DataSource>().WithMany().HasForeignKey(t => t.BaselineSourceCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.BaselineValue).HasPrecision(6, 2);
        builder.Property(t => t.Citation).HasMaxLength(PrevalenceFigure.CitationMaxLength);
        builder.HasIndex(t => new { t.RegionCode, t.IndicatorCode }).IsUnique();
        builder.HasMany(t => t.Years).WithOne().HasForeignKey(y => y.TargetPathId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Version).IsRowVersion();
    }
}

public sealed class TargetYearConfiguration : IEntityTypeConfiguration<TargetYear>
{
    public void Configure(EntityTypeBuilder<TargetYear> builder)
    {
        builder.ToTable("target_years");
        builder.Property(y => y.Value).HasPrecision(6, 2);
        builder.HasIndex(y => new { y.TargetPathId, y.Year }).IsUnique();
    }
}
