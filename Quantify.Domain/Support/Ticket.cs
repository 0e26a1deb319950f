using Quantify.Domain.Common;

namespace Quantify.Domain.Support;

public enum TicketStatus { Open, InProgress, Resolved, Closed }
public enum TicketPriority { Low, Normal, High, Urgent }

/// <summary>A support or maintenance request. Open tickets block archiving their unit; closed ones are kept.</summary>
public sealed class Ticket : AuditableEntity
{
    private Ticket() { }

    public int EstateId { get; private set; }
    public int? UnitId { get; private set; }
    public int? ReportedByPersonId { get; private set; }
    public string? AssignedToUserId { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Description { get; private set; }
    public TicketStatus Status { get; private set; } = TicketStatus.Open;
    public TicketPriority Priority { get; private set; } = TicketPriority.Normal;
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => Status is TicketStatus.Open or TicketStatus.InProgress;

    public static Result<Ticket> Create(int estateId, int? unitId, int? reportedByPersonId, string subject, string? description, TicketPriority priority = TicketPriority.Normal)
    {
        var v = new Validator().Required(subject, nameof(Subject), "Subject").MaxLength(subject, 200, nameof(Subject), "Subject");
        return v.IsValid
            ? Result<Ticket>.Ok(new Ticket { EstateId = estateId, UnitId = unitId, ReportedByPersonId = reportedByPersonId, Subject = subject.Trim(), Description = description, Priority = priority })
            : Result<Ticket>.Fail(v.Errors);
    }

    public void Assign(string? userId) => AssignedToUserId = userId;

    public void Close(DateTimeOffset at)
    {
        Status = TicketStatus.Closed;
        ClosedAt = at;
    }
}
