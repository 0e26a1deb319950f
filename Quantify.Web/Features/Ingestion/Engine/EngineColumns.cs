using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// A table's columns as the EF model maps them: the column names and, per column, the provider's type mapping (value
/// converter included), so a value the engine writes is encoded exactly as EF Core would store it (DateTimeOffset as
/// the SQLite converter's ticks, enums as strings, decimals and dates as the provider writes them).
/// </summary>
public sealed class EngineColumns
{
    private EngineColumns(string table, string[] names, RelationalTypeMapping[] mappings)
    {
        Table = table;
        Names = names;
        Mappings = mappings;
    }

    public string Table { get; }
    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<RelationalTypeMapping> Mappings { get; }

    public static EngineColumns For<T>(DbContext db, params string[] properties)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var names = new string[properties.Length];
        var mappings = new RelationalTypeMapping[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var property = entity.FindProperty(properties[i]) ?? throw new InvalidOperationException($"{typeof(T).Name}.{properties[i]} is not mapped.");
            names[i] = property.GetColumnName(store) ?? properties[i];
            mappings[i] = property.GetRelationalTypeMapping();
        }
        return new EngineColumns(table, names, mappings);
    }

    /// <summary><paramref name="value"/> (a model value) of column <paramref name="column"/> as the provider stores it (EF's value converter applied).</summary>
    public object? ToProvider(int column, object? value) =>
        value is not null && Mappings[column].Converter is { } converter ? converter.ConvertToProvider(value) : value;

    /// <summary>A parameter for column <paramref name="column"/>, configured by the column's type mapping.</summary>
    public System.Data.Common.DbParameter CreateParameter(System.Data.Common.DbCommand command, string name, int column) =>
        Mappings[column].CreateParameter(command, name, null, nullable: true);
}
