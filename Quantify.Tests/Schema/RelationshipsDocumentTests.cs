using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;

namespace Quantify.Tests.Schema;

public class RelationshipsDocumentTests
{
    [Fact]
    public void EveryForeignKey_HasADeliberateDeleteChoiceAndReason()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        var missing = RelationshipsDocument.Rows(db.Model).Where(r => string.IsNullOrWhiteSpace(r.Reason)).Select(r => $"{r.Child}.{r.Column} -> {r.Parent}").ToList();
        Assert.True(missing.Count == 0, "Foreign keys without a stated policy: " + string.Join(", ", missing));
    }

    [Fact]
    public void RelationshipsDocument_MatchesTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        var generated = RelationshipsDocument.Generate(db.Model);
        var path = Repo.PathOf("docs", "relationships.md");
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), "docs/relationships.md is missing: run with UPDATE_DOCS=1");
        Assert.True(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) == generated,
            "docs/relationships.md is stale: run `UPDATE_DOCS=1 ./test.sh` to regenerate it from the model.");
    }

    [Fact]
    public void BothProviders_HaveTheSameRelationships()
    {
        using var lite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sql = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.Equal(RelationshipsDocument.Rows(lite.Model), RelationshipsDocument.Rows(sql.Model));
    }

    [Fact]
    public void TelemetryAndFinancialRows_AreNeverCascadeDeleted()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        var neverCascade = new[] { "MeterAlerts", "DeviceCommands", "AuditEntries", "Tenancies", "Ownerships", "Units", "Meters", "Tickets", "Notifications" };
        var cascades = RelationshipsDocument.Rows(db.Model).Where(r => neverCascade.Contains(r.Child) && r.OnDelete == "Cascade").ToList();
        Assert.Empty(cascades);
    }
}
