namespace Quantify.Web.Components.Shared.Charts;

/// <summary>A named series over the chart's categories, in one unit; a null value is a gap, never zero.</summary>
public sealed record CategorySeries(string Name, string Unit, IReadOnlyList<decimal?> Values);
