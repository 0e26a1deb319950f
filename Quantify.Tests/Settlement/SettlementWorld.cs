using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Tests.Settlement;

/// <summary>A month of consumption on the demo's Silverleaf estate, fed through the real reading pipeline (billing included).</summary>
public static class SettlementWorld
{
    public static readonly string[] Flats = ["A101", "A102", "A103", "A105", "A106"];

    /// <summary>Five flats use 150-190 kWh and 6-10 kL between the 3rd and the 21st; the bulk meters measure 700 kWh and 40 kL.</summary>
    public static async Task ConsumeAsync(IServiceProvider services, DateOnly month)
    {
        var pipeline = services.GetRequiredService<ReadingPipeline>();
        var start = new DateTimeOffset(month.AddDays(2).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var end = new DateTimeOffset(month.AddDays(20).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        await pipeline.ProcessAsync([Readings([.. Flats.SelectMany(f => new[] { ($"SLF-E-{f}", 1000m, start), ($"SLF-W-{f}", 100m, start) }),
            ("SLF-BULK-E", 50_000m, start), ("SLF-BULK-W", 9_000m, start)])], default);
        await pipeline.ProcessAsync([Readings([.. Flats.SelectMany((f, i) => new[] { ($"SLF-E-{f}", 1150m + i * 10, end), ($"SLF-W-{f}", 106m + i, end) }),
            ("SLF-BULK-E", 50_700m, end), ("SLF-BULK-W", 9_040m, end)])], default);
    }

    private static IncomingMessage Readings(params (string Serial, decimal Register, DateTimeOffset At)[] rows) => new(MessageSource.Http, "quantify/gateways/g/readings",
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { readings = rows.Select(r => new { serial = r.Serial, register = r.Register, timestamp = r.At.ToString("O") }) })),
        DateTimeOffset.UtcNow);
}
