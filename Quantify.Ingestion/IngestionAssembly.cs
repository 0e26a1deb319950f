namespace Quantify.Ingestion;

/// <summary>Marker for this assembly (used by architecture tests and DI scanning).</summary>
public static class IngestionAssembly;
