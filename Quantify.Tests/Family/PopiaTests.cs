using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Family;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Identity;
using UglyToad.PdfPig;

namespace Quantify.Tests.Family;

/// <summary>POPIA: a person's copy of their data, and anonymisation that leaves no copy in the SQLite file while the ledger verifies.</summary>
public class PopiaTests
{
    private const string First = "Zolani", Last = "Quixotewa", Email = "zolani.quixotewa@example.com", Phone = "0831239876", OldPhone = "0831230001";

    private static async Task<(TestApp App, int PersonId, string IdNumber)> WorldAsync()
    {
        var app = await TestApp.StartAsync(demo: true);
        var idNumber = Quantify.Web.Demo.DemoSeeder.SaId(new Random(4242));
        var persons = new PersonService(app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>());
        var id = (await persons.CreateAsync(new PersonInput(First, Last, IdentityDocumentType.SaId, idNumber, Email, OldPhone))).Value;
        Assert.True((await persons.UpdateAsync(id, new PersonInput(First, Last, IdentityDocumentType.SaId, idNumber, Email, Phone))).IsSuccess); // a history version with the old phone
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var unit = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        db.Tenancies.Add(Tenancy.Create(unit, id, today.AddMonths(-3), today.AddDays(-1), TenancyRole.FamilyMember).Value); // ended: a current occupant cannot be anonymised
        var user = new ApplicationUser { UserName = Email, Email = Email, NormalizedEmail = Email.ToUpperInvariant(), NormalizedUserName = Email.ToUpperInvariant(), DisplayName = $"{First} {Last}", PersonId = id, PhoneNumber = Phone };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        db.Notifications.Add(new Notification(user.Id, NotificationKind.General, NotificationChannel.InApp, "Welcome", $"Hello {First} {Last}, we will write to {Email} or call {Phone}.", DateTimeOffset.UtcNow, unit));
        db.Invitations.Add(new Invitation(id, unit, Email, Roles.FamilyMember, "hash-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7), null));
        await db.SaveChangesAsync();
        return (app, id, idNumber);
    }

    [Fact]
    public async Task APersonsCopy_HasTheirProfileOccupanciesAndNotifications_AsJsonAndPdf()
    {
        var (app, id, idNumber) = await WorldAsync();
        await using var _ = app;
        var data = app.Services.GetRequiredService<PersonalDataService>();
        using var json = JsonDocument.Parse(await data.JsonAsync(id) ?? []);
        Assert.Equal(idNumber, json.RootElement.GetProperty("profile").GetProperty("idNumber").GetString());
        Assert.Equal(Email, json.RootElement.GetProperty("logins")[0].GetProperty("email").GetString());
        Assert.Equal("FamilyMember", json.RootElement.GetProperty("tenancies")[0].GetProperty("role").GetString());
        Assert.True(json.RootElement.GetProperty("tenancies")[0].GetProperty("endDate").ValueKind == JsonValueKind.String);
        Assert.Contains("Hello Zolani", json.RootElement.GetProperty("notifications")[0].GetProperty("body").GetString(), StringComparison.Ordinal);

        using var pdf = PdfDocument.Open(await data.PdfAsync(id) ?? []);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Personal data held by Quantify", text, StringComparison.Ordinal);
        Assert.Contains(idNumber, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymising_LeavesNoCopyOfNameIdEmailOrPhone_InTheDatabaseFile_AndTheLedgerStillVerifies()
    {
        var (app, id, idNumber) = await WorldAsync();
        await using var _ = app;
        var lifecycle = new LifecycleService(app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>(), TimeProvider.System);
        var done = await lifecycle.ExecuteAsync(EntityKind.Person, id, LifecycleAction.Anonymise, "POPIA request");
        Assert.True(done.IsSuccess, done.IsFailure ? done.Describe() : null);

        Assert.True((await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).IsValid);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            Assert.Equal(Person.AnonymisedName, (await db.Persons.SingleAsync(p => p.Id == id)).FirstName);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Person) && a.EntityId == id.ToString()), "the anonymisation itself is audited");
        }
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
            Assert.Equal("", await TablesHoldingAsync(db, idNumber)); // names the table first, if a live row still holds it
        var dir = app.Services.GetRequiredService<IConfiguration>()["Database:DataDirectory"]!;
        var files = Directory.GetFiles(dir, "quantify.db*");
        var bytes = files.SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.Length > 100_000);
        foreach (var secret in new[] { $"{First} {Last}", Last, idNumber, Email, Email.ToUpperInvariant(), Phone, OldPhone })
            Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is still in {string.Join(", ", files.Select(Path.GetFileName))}");
    }

    /// <summary>Every table and text column whose live rows still hold the value ("" when none).</summary>
    private static async Task<string> TablesHoldingAsync(QuantifyDbContext db, string value)
    {
        var hits = new List<string>();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        }
        foreach (var t in tables)
        {
            var columns = new List<string>();
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = $"SELECT name FROM pragma_table_info('{t}')";
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) columns.Add(r.GetString(0));
            }
            foreach (var c in columns)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM \"{t}\" WHERE instr(CAST(\"{c}\" AS TEXT), $v) > 0";
                var p = cmd.CreateParameter(); p.ParameterName = "$v"; p.Value = value; cmd.Parameters.Add(p);
                if (Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0) hits.Add($"{t}.{c}");
            }
        }
        return string.Join(", ", hits);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
