namespace TppsPortal.Common;

/// <summary>An entity whose created/updated times <see cref="Data.AuditInterceptor"/> fills.</summary>
public interface ITimestamped
{
    DateTimeOffset CreatedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}
