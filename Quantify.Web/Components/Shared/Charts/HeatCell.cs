namespace Quantify.Web.Components.Shared.Charts;

/// <summary>One heatmap cell: column <see cref="X"/>, row <see cref="Y"/> (indexes into the categories); null = no data.</summary>
public sealed record HeatCell(int X, int Y, decimal? Value);
