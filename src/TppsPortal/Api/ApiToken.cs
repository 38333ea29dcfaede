using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Accounts;

namespace TppsPortal.Api;

/// <summary>
/// A bearer token for the JSON API (<c>/api/v1</c>). It acts as its user: the same role, scope and AccessPolicy as
/// that user's pages. Only a SHA-256 hash of the secret is stored; the secret is shown once, when it is made.
/// A person makes their own on the profile page; an admin makes them for an integration account.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;
    /// <summary>"tpps_" and the first 8 characters of the secret: enough to recognise a token in a list, useless to use it.</summary>
    public const int PrefixLength = 13;
    public const int MaxLifetimeDays = 366;
    public const int DefaultLifetimeDays = 90;

    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Display name of who made it (the person, or the admin for an integration account).</summary>
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    /// <summary>Updated at most once a minute, so a busy integration does not write on every request.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        builder.Property(t => t.Prefix).HasMaxLength(ApiToken.PrefixLength);
        builder.Property(t => t.Hash).HasMaxLength(32);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.Property(t => t.CreatedBy).HasMaxLength(AppUser.FullNameMaxLength);
        builder.Property(t => t.RevokedBy).HasMaxLength(AppUser.FullNameMaxLength);
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
