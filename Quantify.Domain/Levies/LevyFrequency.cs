namespace Quantify.Domain.Levies;

/// <summary>How often a levy is raised: each calendar month, calendar quarter (Jan, Apr, Jul, Oct) or calendar year.</summary>
public enum LevyFrequency { Monthly, Quarterly, Annual }
