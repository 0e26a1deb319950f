namespace Quantify.Web.Components.Shared.Charts;

/// <summary>
/// Builds ECharts options from typed data, with the portal's rules in one place: value axes scale to the data (ECharts'
/// own nice bounds, never a fixed range); one value axis per unit, so quantity and money never share an axis (at most
/// two units per chart); missing values are gaps (null), never zero; long ranges get a zoom; axis labels hide rather
/// than overlap; the grid keeps labels inside so charts stay legible at 390 px; one palette everywhere.
/// </summary>
public static class ChartBuilder
{
    /// <summary>The portal's chart palette (the theme's green first).</summary>
    public static readonly string[] Palette = ["#1b5e20", "#f9a825", "#1565c0", "#c62828", "#6a1b9a", "#00838f", "#5d4037"];

    /// <summary>Above this many points or categories the chart gets a zoom slider.</summary>
    public const int ZoomAbove = 31;

    public static ChartSpec TimeSeries(IReadOnlyList<TimeSeries> series, int digits = 3)
    {
        var units = UnitsOf(series.Select(s => s.Unit));
        var points = series.Count == 0 ? 0 : series.Max(s => s.Points.Count);
        var option = Base(units, horizontal: false, zoom: points > ZoomAbove);
        // ECharts draws times in the browser's zone unless told otherwise: send SAST wall-clock times as UTC.
        option["useUTC"] = true;
        option["xAxis"] = new List<Dictionary<string, object?>> { new() { ["type"] = "time", ["axisLabel"] = Label() } };
        option["series"] = series.Select(s => new Dictionary<string, object?>
        {
            ["name"] = s.Name,
            ["type"] = s.Bars ? "bar" : "line",
            ["yAxisIndex"] = units.IndexOf(s.Unit),
            ["showSymbol"] = s.Points.Count <= ZoomAbove,
            ["connectNulls"] = false,
            ["data"] = s.Points.OrderBy(p => p.At).Select(p => new object?[] { SastMilliseconds(p.At), Number(p.Value) }).ToList(),
        }).ToList();
        return new ChartSpec(option, new ChartMeta(series.Select(s => s.Unit).ToList(), units, digits));
    }

    public static ChartSpec Bars(IReadOnlyList<string> categories, IReadOnlyList<CategorySeries> series, bool stacked = false, bool horizontal = false, int digits = 3)
    {
        foreach (var s in series)
        {
            if (s.Values.Count != categories.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
        }
        var units = UnitsOf(series.Select(s => s.Unit));
        if (stacked && units.Count > 1) throw new ArgumentException("Stacked bars add up one unit; got " + string.Join(", ", units) + ".", nameof(series));
        var option = Base(units, horizontal, zoom: categories.Count > ZoomAbove);
        option[horizontal ? "yAxis" : "xAxis"] = new List<Dictionary<string, object?>>
        {
            new() { ["type"] = "category", ["data"] = categories.ToList(), ["axisLabel"] = Label(), ["inverse"] = horizontal },
        };
        option["series"] = series.Select(s => new Dictionary<string, object?>
        {
            ["name"] = s.Name,
            ["type"] = "bar",
            [horizontal ? "xAxisIndex" : "yAxisIndex"] = units.IndexOf(s.Unit),
            ["stack"] = stacked ? "total" : null,
            ["barMaxWidth"] = 28,
            ["data"] = s.Values.Select(Number).ToList(),
        }).ToList();
        return new ChartSpec(option, new ChartMeta(series.Select(s => s.Unit).ToList(), units, digits, horizontal));
    }

    public static ChartSpec Heatmap(IReadOnlyList<string> columns, IReadOnlyList<string> rows, IReadOnlyList<HeatCell> cells, string unit, int digits = 3)
    {
        var values = cells.Where(c => c.Value is not null).Select(c => c.Value!.Value).ToList();
        var option = new Dictionary<string, object?>
        {
            ["color"] = Palette,
            ["animation"] = false,
            ["textStyle"] = new Dictionary<string, object?> { ["fontFamily"] = "Roboto, Helvetica, Arial, sans-serif", ["fontSize"] = 11 },
            ["tooltip"] = new Dictionary<string, object?> { ["trigger"] = "item", ["confine"] = true },
            ["grid"] = new Dictionary<string, object?> { ["left"] = 8, ["right"] = 8, ["top"] = 8, ["bottom"] = 48, ["containLabel"] = true },
            ["xAxis"] = new List<Dictionary<string, object?>> { new() { ["type"] = "category", ["data"] = columns.ToList(), ["axisLabel"] = Label() } },
            ["yAxis"] = new List<Dictionary<string, object?>> { new() { ["type"] = "category", ["data"] = rows.ToList(), ["axisLabel"] = Label() } },
            ["visualMap"] = new Dictionary<string, object?>
            {
                ["min"] = values.Count == 0 ? 0 : (double)values.Min(),
                ["max"] = values.Count == 0 ? 1 : (double)Math.Max(values.Max(), values.Min() + 0.001m),
                ["calculable"] = false, ["orient"] = "horizontal", ["left"] = "center", ["bottom"] = 0, ["itemHeight"] = 80,
                ["inRange"] = new Dictionary<string, object?> { ["color"] = new[] { "#e8f5e9", "#1b5e20" } },
            },
            // Cells without data are left out (blank), never coloured as zero.
            ["series"] = new List<Dictionary<string, object?>>
            {
                new() { ["name"] = unit, ["type"] = "heatmap", ["data"] = cells.Where(c => c.Value is not null).Select(c => new object?[] { c.X, c.Y, Number(c.Value) }).ToList() },
            },
        };
        return new ChartSpec(option, new ChartMeta([unit], [], digits));
    }

    /// <summary>The instant's South African wall-clock time, as milliseconds for an axis drawn in UTC.</summary>
    public static long SastMilliseconds(DateTimeOffset at) => SouthAfrica.ToLocal(at).DateTime.Ticks / TimeSpan.TicksPerMillisecond - DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerMillisecond;

    private static double? Number(decimal? value) => value is decimal v ? (double)v : null;

    private static List<string> UnitsOf(IEnumerable<string> units)
    {
        var distinct = units.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 2) throw new ArgumentException("A chart shows at most two units (one axis each); got " + string.Join(", ", distinct) + ".", nameof(units));
        return distinct;
    }

    private static Dictionary<string, object?> Label() => new() { ["hideOverlap"] = true, ["fontSize"] = 11 };

    private static Dictionary<string, object?> Base(List<string> units, bool horizontal, bool zoom)
    {
        var axes = units.Select((u, i) => new Dictionary<string, object?>
        {
            ["type"] = "value",
            ["name"] = u,
            ["position"] = horizontal ? (i == 0 ? "bottom" : "top") : (i == 0 ? "left" : "right"),
            ["axisLabel"] = Label(),
            // The unit's name sits above its axis, aligned inwards so it is never clipped at the card's edge.
            ["nameTextStyle"] = new Dictionary<string, object?> { ["align"] = horizontal ? "center" : (i == 0 ? "left" : "right") },
            ["splitLine"] = new Dictionary<string, object?> { ["show"] = i == 0 },
        }).ToList();
        if (axes.Count == 0) axes.Add(new Dictionary<string, object?> { ["type"] = "value", ["axisLabel"] = Label() });
        var option = new Dictionary<string, object?>
        {
            ["color"] = Palette,
            ["animation"] = false,
            ["textStyle"] = new Dictionary<string, object?> { ["fontFamily"] = "Roboto, Helvetica, Arial, sans-serif", ["fontSize"] = 11 },
            ["legend"] = new Dictionary<string, object?> { ["type"] = "scroll", ["top"] = 0 },
            ["tooltip"] = new Dictionary<string, object?> { ["trigger"] = "axis", ["confine"] = true },
            ["grid"] = new Dictionary<string, object?> { ["left"] = 8, ["right"] = 8, ["top"] = 40, ["bottom"] = zoom ? 44 : 8, ["containLabel"] = true },
            [horizontal ? "xAxis" : "yAxis"] = axes,
        };
        if (zoom)
        {
            var axis = horizontal ? "yAxisIndex" : "xAxisIndex";
            option["dataZoom"] = new List<Dictionary<string, object?>>
            {
                new() { ["type"] = "inside", [axis] = 0 },
                new() { ["type"] = "slider", [axis] = 0, ["height"] = 18, ["bottom"] = 4 },
            };
        }
        return option;
    }
}
