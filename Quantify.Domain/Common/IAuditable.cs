namespace Quantify.Domain.Common;

/// <summary>Stamped by the persistence layer on every save: when and by which user (users are never deleted).</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; set; }
    string? CreatedById { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    string? UpdatedById { get; set; }
}

/// <summary>Master data whose past versions are kept (SQL Server temporal tables; SQLite history tables).</summary>
public interface IVersioned : IAuditable
{
    int Id { get; }
}

public abstract class AuditableEntity : IVersioned
{
    public int Id { get; protected set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
}
