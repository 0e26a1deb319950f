using Quantify.Domain.Common;

namespace Quantify.Web.Components.Shared;

/// <summary>Service errors keyed by field, for showing each message under its input; errors without a field go on top.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> byField = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> general = [];

    public IReadOnlyList<string> General => general;

    public void Set(IEnumerable<Error> errors)
    {
        Clear();
        foreach (var e in errors)
        {
            if (e.Field is null) general.Add(e.Message);
            else byField[e.Field] = byField.TryGetValue(e.Field, out var existing) ? existing + " " + e.Message : e.Message;
        }
    }

    public void Clear()
    {
        byField.Clear();
        general.Clear();
    }

    public bool Has(string field) => byField.ContainsKey(field);

    public string? For(string field) => byField.GetValueOrDefault(field);
}
