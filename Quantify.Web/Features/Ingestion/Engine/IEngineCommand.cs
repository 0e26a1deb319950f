namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>One prepared statement of the engine for a fixed number of rows, executed once per chunk of a batch.</summary>
public interface IEngineCommand : IAsyncDisposable
{
    /// <summary>Binds rows <paramref name="start"/> to start + count - 1 (model values) and executes; returns the rows affected.</summary>
    Task<int> RunAsync(IReadOnlyList<object?[]> rows, int start, CancellationToken ct);

    /// <summary>Binds as <see cref="RunAsync"/> does and returns the result rows, <paramref name="width"/> provider values each.</summary>
    Task<List<object?[]>> QueryAsync(IReadOnlyList<object?[]> rows, int start, int width, CancellationToken ct);
}
