using System.Text.Json;
using Bunit;
using Quantify.Web.Components.Shared;
using Quantify.Web.Components.Shared.Charts;
using Quantify.Web.Features.Reconciliation;
using Quantify.Web.Features.Usage;

namespace Quantify.Tests.Components;

/// <summary>The ECharts options the chart components build from data: real time axis, gaps, one axis per unit, zoom.</summary>
public class ChartTests : IDisposable
{
    private readonly BunitContext ctx = new();

    public ChartTests() => ctx.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose()
    {
        ctx.Dispose();
        GC.SuppressFinalize(this);
    }

    private static readonly DateTimeOffset Day1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void UsageChart_DrawsDaysWithoutReadingsAsGaps_AndKeepsKwhAndRandOnSeparateAxes()
    {
        var usage = new UsageSeries(Quantify.Domain.Metering.Utility.Electricity, "kWh",
        [
            new UsagePoint("01 Dec", 12.5m, 40.1m, new DateOnly(2026, 12, 1), 48),
            new UsagePoint("02 Dec", 0m, 0m, new DateOnly(2026, 12, 2), 0),
            new UsagePoint("03 Dec", 0m, 0m, new DateOnly(2026, 12, 3), 3), // real zero use: readings, nothing consumed
        ]);
        var spec = ChartBuilder.TimeSeries(UsageChart.Chart(usage));

        Assert.Equal(["kWh", "R"], spec.Meta.AxisUnits);
        Assert.Equal(2, spec.ValueAxes.Count);
        Assert.Equal([0, 1], spec.Series.Select(s => (int)s["yAxisIndex"]!));
        var quantities = Values(spec.Series[0]);
        Assert.Equal([12.5, null, 0.0], quantities);
        Assert.Equal([40.1, null, 0.0], Values(spec.Series[1]));
        Assert.False((bool)spec.Series[0]["connectNulls"]!);
        Assert.Equal("time", Axis(spec.Option, "xAxis")["type"]);
        Assert.True((bool)spec.Option["useUTC"]!);
    }

    [Fact]
    public void TimeSeries_PlacesPointsAtTheirSastWallClockTime()
    {
        var at = new DateTimeOffset(2026, 12, 6, 22, 30, 0, TimeSpan.Zero); // 00:30 SAST on 7 Dec
        var spec = ChartBuilder.TimeSeries([new TimeSeries("Loss", "%", [new TimePoint(at, 3.5m)])]);
        var ms = (long)((object?[])((List<object?[]>)spec.Series[0]["data"]!)[0])[0]!;
        Assert.Equal(new DateTime(2026, 12, 7, 0, 30, 0, DateTimeKind.Utc), DateTime.UnixEpoch.AddMilliseconds(ms));
    }

    [Fact]
    public void LossTrend_DaysWithoutBulkReadingsAreGaps_NotZeroLoss()
    {
        var trend = new[] { new LossPoint(new DateOnly(2026, 12, 1), 100m, 95m, 5m), new LossPoint(new DateOnly(2026, 12, 2), 0m, 0m, null) };
        var spec = ChartBuilder.TimeSeries(EstateKpiPanel.LossSeries(trend), digits: 1);
        Assert.Equal([5.0, null], Values(spec.Series[0]));
        Assert.Equal(["%"], spec.Meta.AxisUnits);
    }

    [Fact]
    public void ValueAxes_HaveNoFixedRange_SoTheyScaleToTheData()
    {
        var spec = ChartBuilder.Bars(["A1", "A2"], [new CategorySeries("Use", "kWh", [0.2m, 0.4m])]);
        var axis = spec.ValueAxes[0];
        Assert.False(axis.ContainsKey("min"));
        Assert.False(axis.ContainsKey("max"));
    }

    [Fact]
    public void QuantityAndMoney_NeverShareAnAxis_AndAThirdUnitIsRefused()
    {
        var two = ChartBuilder.Bars(["A1"], [new CategorySeries("Use", "kWh", [1m]), new CategorySeries("Cost", "R", [2m])]);
        Assert.Equal(["kWh", "R"], two.ValueAxes.Select(a => (string)a["name"]!));
        Assert.Throws<ArgumentException>(() => ChartBuilder.Bars(["A1"],
            [new CategorySeries("E", "kWh", [1m]), new CategorySeries("W", "kL", [1m]), new CategorySeries("Cost", "R", [1m])]));
        Assert.Throws<ArgumentException>(() => ChartBuilder.Bars(["A1"], [new CategorySeries("E", "kWh", [1m]), new CategorySeries("R", "R", [1m])], stacked: true));
    }

    [Fact]
    public void LongRanges_GetAZoom_AndLabelsHideRatherThanOverlap()
    {
        var days = Enumerable.Range(0, 90).Select(i => new TimePoint(Day1.AddDays(i), i)).ToList();
        var spec = ChartBuilder.TimeSeries([new TimeSeries("Use", "kWh", days)]);
        Assert.True(spec.Option.ContainsKey("dataZoom"));
        Assert.True((bool)((Dictionary<string, object?>)Axis(spec.Option, "xAxis")["axisLabel"]!)["hideOverlap"]!);
        var shortRange = ChartBuilder.TimeSeries([new TimeSeries("Use", "kWh", days.Take(7).ToList())]);
        Assert.False(shortRange.Option.ContainsKey("dataZoom"));
        Assert.True((bool)((Dictionary<string, object?>)shortRange.Option["grid"]!)["containLabel"]!);
    }

    [Fact]
    public void StackedBars_StackOneUnit_AndMissingValuesStayNull()
    {
        var spec = ChartBuilder.Bars(["Nov", "Dec"], [new CategorySeries("Occupied", "days", [30m, null]), new CategorySeries("Vacant", "days", [0m, 6m])], stacked: true);
        Assert.All(spec.Series, s => Assert.Equal("total", s["stack"]));
        Assert.Equal([30.0, null], Values(spec.Series[0]));
    }

    [Fact]
    public void Heatmap_LeavesCellsWithoutDataOut()
    {
        var spec = ChartBuilder.Heatmap(["00", "01"], ["Mon"], [new HeatCell(0, 0, 1.5m), new HeatCell(1, 0, null)], "kWh");
        Assert.Single((List<object?[]>)spec.Series[0]["data"]!);
    }

    [Fact]
    public void TimeSeriesChart_RendersAnAccessibleContainer_AndSendsTheOptionToTheChartModule()
    {
        var module = ctx.JSInterop.SetupModule("./js/charts.js");
        var cut = ctx.Render<TimeSeriesChart>(p => p
            .Add(c => c.Series, [new TimeSeries("Use", "kWh", [new TimePoint(Day1, 1m), new TimePoint(Day1.AddDays(1), null)])])
            .Add(c => c.Label, "Electricity use per day"));
        Assert.Equal("Electricity use per day", cut.Find("div.q-chart").GetAttribute("aria-label"));
        Assert.Equal("img", cut.Find("div.q-chart").GetAttribute("role"));
        var render = Assert.Single(module.Invocations, i => i.Identifier == "render");
        var json = JsonSerializer.Serialize(render.Arguments[1]);
        Assert.Contains("\"type\":\"time\"", json, StringComparison.Ordinal);
        Assert.Contains(",null]", json, StringComparison.Ordinal);
    }

    private static List<double?> Values(Dictionary<string, object?> series) =>
        ((System.Collections.IEnumerable)series["data"]!).Cast<object?>()
            .Select(v => v is object?[] pair ? (double?)pair[^1] : (double?)v).ToList();

    private static Dictionary<string, object?> Axis(Dictionary<string, object?> option, string key) => ((List<Dictionary<string, object?>>)option[key]!)[0];
}
