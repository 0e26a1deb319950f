using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;
using Quantify.Web.Features.Statements;
using SkiaSharp;

namespace Quantify.Web.Features.Family;

/// <summary>
/// POPIA access request (section 23): a copy of the personal data held about one person — profile, occupancies, wallets
/// they can see (grants and groups), payments they made, notifications, logins — as JSON and as a PDF.
/// </summary>
public sealed class PersonalDataService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<Dictionary<string, object?>?> CollectAsync(int personId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.Persons.AsNoTracking().FirstOrDefaultAsync(x => x.Id == personId, ct);
        if (p is null) return null;
        var users = await db.Users.AsNoTracking().Where(u => u.PersonId == personId).ToListAsync(ct);
        var userIds = users.Select(u => u.Id).ToList();
        var tenancies = await (from t in db.Tenancies.AsNoTracking() where t.PersonId == personId join u in db.Units on t.UnitId equals u.Id
                               select new { Unit = u.UnitNumber, u.EstateId, Role = t.Role.ToString(), t.StartDate, t.EndDate }).ToListAsync(ct);
        var ownerships = await (from o in db.Ownerships.AsNoTracking() where o.PersonId == personId join u in db.Units on o.UnitId equals u.Id
                                select new { Unit = u.UnitNumber, u.EstateId, o.StartDate, o.EndDate, o.SharePercent }).ToListAsync(ct);
        var grants = await (from g in db.WalletAccessGrants.AsNoTracking() where g.PersonId == personId join u in db.Units on g.UnitId equals u.Id
                            select new { Unit = u.UnitNumber, Level = g.Level.ToString(), g.CapPerTopUp, g.CapPerMonth, g.GrantedAt, g.RevokedAt }).ToListAsync(ct);
        var groups = await db.WalletGroups.AsNoTracking().Where(g => g.PayerPersonId == personId)
            .Select(g => new { g.Name, Rule = g.Rule.ToString(), Units = g.Members.Select(m => m.UnitId).ToList() }).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(x => x.CreatedById != null && userIds.Contains(x.CreatedById))
            .OrderBy(x => x.Id).Select(x => new { x.Reference, x.Amount, Status = x.Status.ToString(), x.CreatedAt, x.CompletedAt, x.UnitId, x.WalletGroupId }).ToListAsync(ct);
        var notifications = await db.Notifications.AsNoTracking().Where(n => userIds.Contains(n.UserId)).OrderBy(n => n.Id)
            .Select(n => new { Kind = n.Kind.ToString(), Channel = n.Channel.ToString(), n.Title, n.Body, n.CreatedAt, n.ReadAt }).ToListAsync(ct);
        return new Dictionary<string, object?>
        {
            ["generatedAt"] = clock.GetUtcNow(),
            ["profile"] = new { p.FirstName, p.LastName, IdDocumentType = p.IdDocumentType.ToString(), p.IdNumber, p.Email, p.Phone, p.AlternativePhone, p.DateOfBirth, p.IsActive, p.AnonymisedAt },
            ["logins"] = users.Select(u => new { u.Email, u.UserName, u.DisplayName, u.PhoneNumber, u.IsActive, u.LockoutEnd, u.NotifyByEmail, u.NotifyBySms, u.NotifyByPush }).ToList(),
            ["tenancies"] = tenancies,
            ["ownerships"] = ownerships,
            ["walletAccess"] = grants,
            ["walletGroups"] = groups,
            ["payments"] = payments,
            ["notifications"] = notifications,
        };
    }

    public async Task<byte[]?> JsonAsync(int personId, CancellationToken ct = default) =>
        await CollectAsync(personId, ct) is { } data ? JsonSerializer.SerializeToUtf8Bytes(data, Json) : null;

    /// <summary>The same data as a PDF: one section per heading, each record as "field: value" lines.</summary>
    public async Task<byte[]?> PdfAsync(int personId, CancellationToken ct = default)
    {
        if (await CollectAsync(personId, ct) is not { } data) return null;
        var layout = new PdfLayout();
        layout.Text("Personal data held by Quantify", 16f, bold: true);
        layout.Text($"Generated {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC under the Protection of Personal Information Act (section 23).", 9f);
        layout.Space(8f);
        foreach (var (section, value) in data.Where(kv => kv.Key != "generatedAt"))
        {
            layout.Keep(40f);
            layout.Text(section, 12f, bold: true);
            layout.Rule();
            var element = JsonSerializer.SerializeToElement(value, Json);
            var records = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [element];
            if (records.Count == 0) layout.Text("(none)", 9f);
            foreach (var record in records)
            {
                foreach (var prop in record.EnumerateObject())
                    layout.Text($"{prop.Name}: {(prop.Value.ValueKind == JsonValueKind.Null ? "" : prop.Value.ToString())}", 9f, indent: 8f);
                layout.Space(4f);
            }
            layout.Space(6f);
        }
        return layout.ToPdf(new SKDocumentPdfMetadata { Title = "Personal data", Author = "Quantify", Creation = clock.GetUtcNow().UtcDateTime });
    }
}
