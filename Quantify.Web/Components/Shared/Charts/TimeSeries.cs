namespace Quantify.Web.Components.Shared.Charts;

/// <summary>A named series on a real time axis, in one unit ("kWh", "kL", "R", "%").</summary>
public sealed record TimeSeries(string Name, string Unit, IReadOnlyList<TimePoint> Points, bool Bars = false);
