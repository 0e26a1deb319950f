namespace Quantify.Web.Data.Interceptors;

/// <summary>
/// Who is acting right now, for audit stamps. Set per HTTP request (middleware) and per Blazor circuit activity
/// (a circuit handler), flowing with the async call so contexts made by a factory still see it.
/// </summary>
public static class UserContext
{
    private static readonly AsyncLocal<Actor?> Current = new();

    public static Actor? Actor => Current.Value;

    public static IDisposable Begin(string? userId, string? ipAddress)
    {
        var previous = Current.Value;
        Current.Value = new Actor(userId, ipAddress);
        return new Restore(previous);
    }

    private sealed class Restore(Actor? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

public sealed record Actor(string? UserId, string? IpAddress);
