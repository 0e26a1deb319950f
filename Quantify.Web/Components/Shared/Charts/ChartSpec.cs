namespace Quantify.Web.Components.Shared.Charts;

/// <summary>An ECharts option built from typed data, and its formatting metadata.</summary>
public sealed record ChartSpec(Dictionary<string, object?> Option, ChartMeta Meta)
{
    public IReadOnlyList<Dictionary<string, object?>> Series => (List<Dictionary<string, object?>>)Option["series"]!;
    public IReadOnlyList<Dictionary<string, object?>> ValueAxes => (List<Dictionary<string, object?>>)Option[Meta.Horizontal ? "xAxis" : "yAxis"]!;
}
