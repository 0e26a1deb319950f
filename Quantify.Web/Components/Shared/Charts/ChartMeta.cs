namespace Quantify.Web.Components.Shared.Charts;

/// <summary>What the JS module needs to format numbers (en-ZA): the unit of each series and of each value axis.</summary>
public sealed record ChartMeta(IReadOnlyList<string> SeriesUnits, IReadOnlyList<string> AxisUnits, int Digits, bool Horizontal = false);
