using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Jobs;

namespace Quantify.Tests.Jobs;

public class JobsAndHealthTests
{
    [Fact]
    public async Task Health_Reports200_WithDatabaseAndSchedulerState_ToTheOrchestratorsToken()
    {
        const string token = "orchestrator-token-0123456789abcdef";
        await using var app = await TestApp.StartAsync(demo: false, jobs: true, settings: new Dictionary<string, string?> { ["Health:DetailsToken"] = token });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Health-Token", token);
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Sqlite", checks.GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal("Running", checks.GetProperty("scheduler").GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OrphanScan_IsScheduledNightly_InThePersistentStore_AndItsRunIsRecorded()
    {
        await using var app = await TestApp.StartAsync(demo: false, jobs: true);
        var catalog = app.Services.GetRequiredService<JobCatalog>();
        var job = Assert.Single(await catalog.ListAsync(), j => j.Name == "orphan-scan");
        Assert.NotNull(job.NextFire);
        Assert.Equal("0 0 2 * * ?", job.Cron);

        // The job store lives in the application's own SQLite database.
        var factory = app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var triggers = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM QRTZ_TRIGGERS").SingleAsync();
            Assert.True(triggers >= 1);
        }

        await catalog.TriggerNowAsync("orphan-scan");
        JobRun? run = null;
        for (var i = 0; i < 100 && run is null; i++)
        {
            await Task.Delay(100);
            run = (await catalog.ListAsync()).Single(j => j.Name == "orphan-scan").LastRun;
        }
        Assert.NotNull(run);
        Assert.True(run!.Succeeded, run.Summary);
        Assert.Contains("0 orphans", run.Summary, StringComparison.Ordinal);
    }
}
